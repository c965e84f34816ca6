package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.matter.api.ReportTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports as a person reads them in a spreadsheet (issue 24): Chinese headers and names, numbers masked. */
class ReportExportTest {

    private static final ReportTable BY_CATEGORY = new ReportTable("volumes_by_category", List.of("category", "matters"),
            List.of(List.of("complaint", "12"), List.of("consultation", "7")));

    @Test
    void csvHasChineseHeadersAndNamesAndABom() {
        String csv = ReportExport.csv(BY_CATEGORY);
        assertThat(csv).startsWith("\uFEFF\"类别\",\"事项数\"\r\n").contains("\"投诉\",\"12\"").contains("\"咨询\",\"7\"")
                .doesNotContain("complaint").doesNotContain("matters");
    }

    @Test
    void emptyGroupsRatesAndNumbersAreWrittenForAReader() {
        ReportTable units = new ReportTable("on_time_by_unit", List.of("unit", "replied", "replied_on_time", "open_overdue",
                "on_time_rate"), List.of(List.of("", "4", "3", "1", "0.7500")));
        assertThat(ReportExport.csv(units)).contains("\"未派单\",\"4\",\"3\",\"1\",\"75.0%\"")
                .contains("\"承办单位\",\"已答复\",\"按期答复\",\"超期未答复\",\"按期率\"");
        ReportTable repeats = new ReportTable("repeat_matters", List.of("caller", "matters", "latest_subject"),
                List.of(List.of("139****5678", "3", "=HYPERLINK(\"x\") 电话13912345678")));
        String csv = ReportExport.csv(repeats);
        assertThat(csv).contains("\"'=HYPERLINK").doesNotContain("13912345678").contains("139****5678");
    }

    @Test
    void theWorkbookIsAnXlsxWithTheChineseHeaders() throws IOException {
        byte[] xlsx = ReportExport.xlsx(BY_CATEGORY);
        assertThat(xlsx).startsWith((byte) 'P', (byte) 'K');
        StringBuilder sheets = new StringBuilder();
        // read through the central directory, as spreadsheet programs do (the entries carry data descriptors)
        java.nio.file.Path file = java.nio.file.Files.createTempFile("report", ".xlsx");
        java.nio.file.Files.write(file, xlsx);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.getName().startsWith("xl/")) {
                    sheets.append(new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        // XML writers may spell non-ASCII characters as numeric references (&#x7c7b; for 类): read them as XML does
        String text = java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);").matcher(sheets)
                .replaceAll(m -> new String(Character.toChars(Integer.parseInt(m.group(1), 16))));
        assertThat(text).contains("类别").contains("事项数").contains("投诉").contains("按类别统计")
                .doesNotContain("complaint");
    }

    @Test
    void theFileNameIsTheReportsChineseTitleAndThePeriod() {
        assertThat(ReportExport.fileName(BY_CATEGORY, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"), "csv"))
                .isEqualTo("按类别统计_2026-03-01_2026-03-31.csv");
    }
}
