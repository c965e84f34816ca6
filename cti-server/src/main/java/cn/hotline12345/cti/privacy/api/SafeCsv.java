package cn.hotline12345.cti.privacy.api;

import java.util.List;

/**
 * CSV for exports that people open in spreadsheet programs: every cell quoted, phone numbers in it masked
 * ({@link PhoneMasking#maskInText}: an export never carries a full number), and a leading {@code = + - @}
 * neutralised with a quote so that a spreadsheet never runs a cell as a formula. Lines end with CRLF. The one place
 * of these rules: the report export, the measures export and the call log use it.
 */
public final class SafeCsv {

    /** Excel and WPS read a UTF-8 file as UTF-8 (Chinese intact) only when it starts with this byte order mark. */
    public static final String BOM = "\uFEFF";

    private SafeCsv() {
    }

    /** One cell: numbers masked, formula defused, quoted. */
    public static String cell(String v) {
        return code(v == null ? "" : PhoneMasking.maskInText(v));
    }

    /**
     * One cell of an identifier or code that is no personal data (a matter number such as {@code WF20250301-0007},
     * a call id): formula defused and quoted, not masked, since its digits would read as a phone number.
     */
    public static String code(String v) {
        String s = v == null ? "" : v;
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** Appends one line of cells already made by {@link #cell} or {@link #code}. */
    public static StringBuilder line(StringBuilder sb, String... madeCells) {
        return sb.append(String.join(",", madeCells)).append("\r\n");
    }

    /** Appends one line of cells. */
    public static StringBuilder row(StringBuilder sb, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells[i]));
        }
        return sb.append("\r\n");
    }

    /** Appends one line of cells. */
    public static StringBuilder row(StringBuilder sb, List<String> cells) {
        return row(sb, cells.toArray(String[]::new));
    }
}
