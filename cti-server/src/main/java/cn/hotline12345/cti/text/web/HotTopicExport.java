package cn.hotline12345.cti.text.web;

import cn.hotline12345.cti.platform.i18n.Catalogue;
import cn.hotline12345.cti.privacy.api.PhoneMasking;
import cn.hotline12345.cti.privacy.api.SafeCsv;
import cn.hotline12345.cti.text.TextService;
import cn.hotline12345.cti.text.api.HotTopic;
import cn.hotline12345.cti.text.api.NameCount;
import cn.hotline12345.cti.text.store.TextMatterRepository;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hot topics by meaning as a spreadsheet (issue 26): the topics of the text engine, not the matter reports'
 * identical subjects, with Chinese headers and names, as CSV (UTF-8 with BOM, cells defused against formula
 * injection, phone numbers in words masked) or as an Excel workbook. One row a topic: its label words, count, the
 * previous window's count, the trend in Chinese, the units and districts with their counts, and the example
 * matters by number and id, so a reader can open them.
 */
final class HotTopicExport {

    /** The columns in order; the header of column {@code c} is {@code text.export.column.c}. */
    static final List<String> COLUMNS = List.of("label", "count", "previous_count", "trend", "units", "districts",
            "example_numbers", "example_ids");
    private static final int COUNT = 1;
    private static final int PREVIOUS = 2;

    private HotTopicExport() {
    }

    /** 热点诉求_2026-12-01_2026-12-07.csv: the Chinese file name a person sees. */
    static String fileName(LocalDate from, LocalDate to, String extension) {
        return Catalogue.zh().text("text.export.file") + "_" + from + "_" + to + "." + extension;
    }

    /** RFC 6266: an ASCII fallback name, then the UTF-8 name percent-encoded. */
    static String contentDisposition(LocalDate from, LocalDate to, String extension) {
        String encoded = URLEncoder.encode(fileName(from, to, extension), StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"hot_topics_" + from + "_" + to + "." + extension + "\"; filename*=UTF-8''" + encoded;
    }

    static List<String> headers() {
        Catalogue c = Catalogue.zh();
        return COLUMNS.stream().map(col -> c.text("text.export.column." + col)).toList();
    }

    /** The rows as a reader sees them (every cell text; counts as digits). */
    static List<List<String>> rows(TextService.Topics t) {
        Catalogue c = Catalogue.zh();
        List<List<String>> rows = new ArrayList<>();
        for (HotTopic h : t.report().topics()) {
            List<String> numbers = new ArrayList<>();
            for (String id : h.exampleIds()) {
                TextMatterRepository.WindowMatter m = t.matters().get(id);
                numbers.add(m == null || m.number() == null ? id : m.number());
            }
            rows.add(List.of(String.join("、", h.labelWords()), String.valueOf(h.count()), String.valueOf(h.previousCount()),
                    c.text("text.trend." + h.trend().name().toLowerCase(Locale.ROOT)),
                    names(h.units(), c.text("text.export.none")),
                    names(h.districts(), c.text("text.export.none")),
                    String.join("、", numbers), String.join("、", h.exampleIds())));
        }
        return rows;
    }

    /** 市城管局（12）、市供热办（3）: names by frequency, each with its count. */
    private static String names(List<NameCount> l, String none) {
        if (l.isEmpty()) {
            return none;
        }
        List<String> parts = new ArrayList<>();
        for (NameCount n : l) {
            String name = n.name() == null || n.name().isBlank() ? none : n.name();
            parts.add(name + "（" + n.count() + "）");
        }
        return String.join("、", parts);
    }

    static String csv(TextService.Topics t) {
        StringBuilder sb = new StringBuilder(SafeCsv.BOM);
        SafeCsv.line(sb, headers().stream().map(SafeCsv::code).toArray(String[]::new));
        for (List<String> row : rows(t)) {
            String[] cells = new String[row.size()];
            for (int i = 0; i < row.size(); i++) {
                // matter numbers and ids are no personal data: their digits must not be masked as a phone number
                cells[i] = i >= 6 ? SafeCsv.code(row.get(i)) : SafeCsv.cell(row.get(i));
            }
            SafeCsv.line(sb, cells);
        }
        return sb.toString();
    }

    /** One sheet named 热点诉求; counts as numbers, every other cell written as text (never a formula). */
    static byte[] xlsx(TextService.Topics t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "12345hotline", "1.0");
            Worksheet ws = wb.newWorksheet(Catalogue.zh().text("text.export.file"));
            List<String> headers = headers();
            for (int c = 0; c < headers.size(); c++) {
                ws.value(0, c, headers.get(c));
                ws.style(0, c).bold().set();
                ws.width(c, c == 0 || c == 4 ? 30 : 14);
            }
            List<List<String>> rows = rows(t);
            for (int r = 0; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    if (c == COUNT || c == PREVIOUS) {
                        ws.value(r + 1, c, Long.parseLong(row.get(c)));
                    } else {
                        ws.value(r + 1, c, c >= 6 ? row.get(c) : PhoneMasking.maskInText(row.get(c)));
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
