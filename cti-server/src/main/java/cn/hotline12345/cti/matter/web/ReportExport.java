package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.matter.api.ReportTable;
import cn.hotline12345.cti.matter.internal.ReportRepository;
import cn.hotline12345.cti.platform.i18n.Catalogue;
import cn.hotline12345.cti.privacy.api.PhoneMasking;
import cn.hotline12345.cti.privacy.api.SafeCsv;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A report as a person reads it in a spreadsheet (issue 24): Chinese column headers and Chinese names for the codes
 * ({@code consultation} is 咨询, an empty area 未填写区县), rates as percentages; as CSV (UTF-8 with BOM) or as an
 * Excel workbook (.xlsx, written by fastexcel). Every cell has phone numbers masked; a CSV cell that a spreadsheet
 * would take for a formula is neutralised. The JSON answer keeps the codes: the pages translate them themselves.
 */
final class ReportExport {

    /** Columns holding a code of an enum, and the catalogue group naming its values. */
    private static final java.util.Map<String, String> CODED = java.util.Map.of("category", "matter.category",
            "channel", "matter.channel", "satisfaction", "matter.satisfaction");
    /** Columns of rates (0..1): shown as percentages. */
    private static final Set<String> RATES = Set.of("on_time_rate");
    private static final Set<String> COUNTS = Set.of("matters", "revisits", "replied", "replied_on_time",
            "open_overdue");

    private ReportExport() {
    }

    /** The file name a person sees: the report's Chinese title and the period. */
    static String fileName(ReportTable t, LocalDate from, LocalDate to, String extension) {
        return Catalogue.zh().text("reports.file." + t.name()) + "_" + from + "_" + to + "." + extension;
    }

    static List<String> headers(ReportTable t) {
        Catalogue c = Catalogue.zh();
        return t.columns().stream().map(col -> c.text("reports.column." + col)).toList();
    }

    /** One cell for a reader: the code's name, the empty group's name, a percentage, or the value masked. */
    static String shown(String column, String value) {
        Catalogue c = Catalogue.zh();
        if (value == null) {
            return "";
        }
        if (CODED.containsKey(column)) {
            return c.label(CODED.get(column), value);
        }
        if (ReportRepository.NONE.equals(value) && (column.equals("area") || column.equals("unit"))) {
            return c.text("reports.none." + column);
        }
        if (RATES.contains(column) && !value.isEmpty()) {
            return String.format(Locale.ROOT, "%.1f%%", Double.parseDouble(value) * 100);
        }
        return PhoneMasking.maskInText(value);
    }

    static String csv(ReportTable t) {
        StringBuilder sb = new StringBuilder(SafeCsv.BOM);
        sb.append(String.join(",", headers(t).stream().map(ReportExport::csvCell).toList())).append("\r\n");
        for (List<String> row : t.rows()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < t.columns().size(); i++) {
                cells.add(csvCell(shown(t.columns().get(i), row.get(i))));
            }
            sb.append(String.join(",", cells)).append("\r\n");
        }
        return sb.toString();
    }

    /** Quoted, a leading = + - @ neutralised (spreadsheet formula injection): {@link SafeCsv#code}. */
    private static String csvCell(String s) {
        return SafeCsv.code(s);
    }

    /** The workbook: one sheet named after the report, counts and rates as numbers. */
    static byte[] xlsx(ReportTable t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "12345hotline", "1.0");
            Worksheet ws = wb.newWorksheet(Catalogue.zh().text("reports.file." + t.name()));
            List<String> headers = headers(t);
            for (int c = 0; c < headers.size(); c++) {
                ws.value(0, c, headers.get(c));
                ws.style(0, c).bold().set();
                ws.width(c, c == 0 ? 28 : 14);
            }
            for (int r = 0; r < t.rows().size(); r++) {
                List<String> row = t.rows().get(r);
                for (int c = 0; c < t.columns().size(); c++) {
                    String col = t.columns().get(c);
                    String v = row.get(c);
                    if (COUNTS.contains(col) && v != null && v.matches("\\d{1,12}")) {
                        ws.value(r + 1, c, Long.parseLong(v));
                    } else if (RATES.contains(col) && v != null && !v.isEmpty()) {
                        ws.value(r + 1, c, Double.parseDouble(v));
                        ws.style(r + 1, c).format("0.0%").set();
                    } else {
                        ws.value(r + 1, c, shown(col, v)); // written as text: a cell never becomes a formula
                    }
                }
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
