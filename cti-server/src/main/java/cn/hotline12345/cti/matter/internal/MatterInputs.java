package cn.hotline12345.cti.matter.internal;

import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterBuilder;
import cn.hotline12345.cti.matter.api.MatterInput;

/**
 * What an agent's form (or an intake) gives, laid onto a matter: only the fields it names, trimmed, blanks as
 * absent, the contact number with its normalised key.
 */
final class MatterInputs {

    private MatterInputs() {
    }

    static MatterBuilder fill(MatterBuilder b, MatterInput in) {
        Matter cur = b.build();
        b.channel(in.channel() != null ? in.channel() : cur.channel());
        b.category(in.category() != null ? in.category() : cur.category());
        if (in.subject() != null) {
            b.subject(in.subject().trim());
        }
        if (in.content() != null) {
            b.content(in.content().trim());
        }
        if (in.area() != null) {
            b.area(emptyToNull(in.area()));
        }
        if (in.place() != null) {
            b.place(emptyToNull(in.place()));
        }
        if (in.address() != null) {
            b.address(emptyToNull(in.address()));
        }
        if (in.hasPlace() != null) {
            b.hasPlace(in.hasPlace());
        }
        if (in.contactName() != null) {
            b.contactName(emptyToNull(in.contactName()));
        }
        if (in.contactNumber() != null) {
            b.contactNumber(emptyToNull(in.contactNumber()));
            b.contactNumberNorm(MatterValidator.normaliseNumber(in.contactNumber()));
        }
        if (in.confidential() != null) {
            b.confidential(in.confidential());
        }
        if (in.urgency() != null) {
            b.urgency(in.urgency());
        }
        return b;
    }

    static String trim(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.length() > max ? t.substring(0, max) : t;
    }

    static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
