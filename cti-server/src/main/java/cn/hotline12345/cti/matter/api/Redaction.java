package cn.hotline12345.cti.matter.api;

import cn.hotline12345.cti.privacy.api.PhoneMasking;

/** Removes a confidential reporter's identity from free text shown to handling units (art. 11). */
final class Redaction {

    private Redaction() {
    }

    static String redact(String text, String name, String number) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (name != null && !name.isBlank()) {
            out = out.replace(name, "***");
        }
        if (number != null && !number.isBlank()) {
            out = out.replace(number, "***");
        }
        return PhoneMasking.maskInText(out);
    }
}
