package cn.hotline12345.cti.caller.api;

import cn.hotline12345.cti.privacy.api.PhoneMasking;
import cn.hotline12345.cti.privacy.api.SafeCsv;

import java.util.List;

/**
 * The measures as CSV for supervisors' reports. Numbers are always masked, and free text (reasons, notes) is
 * masked too, since an agent may have typed a number into it. Cells are quoted; a leading {@code = + - @} is
 * neutralised so a spreadsheet never runs a cell as a formula.
 */
public final class MeasureExport {

    private MeasureExport() {
    }

    public static String csv(List<Measure> measures) {
        StringBuilder sb = new StringBuilder("id,number,level,reason,evidence_calls,decided_by,started_at,expires_at,"
                + "confirmed_by,lifted_at,lifted_by,appeal_status,appeal_note\r\n");
        for (Measure m : measures) {
            row(sb, String.valueOf(m.id()), PhoneMasking.mask(m.numberNorm()), m.level().dbName(), m.reason(),
                    String.valueOf(m.evidence().size()), m.decidedBy(), str(m.startedAt()), str(m.expiresAt()),
                    m.confirmedBy(), str(m.liftedAt()), m.liftedBy(),
                    m.appealStatus() == null ? null : m.appealStatus().dbName(), m.appealNote());
        }
        return sb.toString();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static void row(StringBuilder sb, String... cells) {
        SafeCsv.row(sb, cells);
    }
}
