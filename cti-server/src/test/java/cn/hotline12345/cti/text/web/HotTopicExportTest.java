package cn.hotline12345.cti.text.web;

import cn.hotline12345.cti.text.TextService;
import cn.hotline12345.cti.text.api.HotTopic;
import cn.hotline12345.cti.text.api.HotTopicReport;
import cn.hotline12345.cti.text.api.NameCount;
import cn.hotline12345.cti.text.api.Trend;
import cn.hotline12345.cti.text.store.TextMatterRepository.WindowMatter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot-topic downloads of the reports page (issue 26): one row a topic of the engine with its label words, count,
 * previous count, trend, units and example matters, Chinese headers and names, formula injection defused, phone numbers
 * in the words masked, matter numbers left whole; the RFC 6266 file name.
 */
class HotTopicExportTest {

    private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");

    private static TextService.Topics topics() {
        HotTopic noise = new HotTopic(List.of("噪音", "夜间施工", "工地"), 24, 3, Trend.RISING,
                List.of(new NameCount("奎文区", 20), new NameCount("", 4)), List.of(new NameCount("东方御园", 5)),
                List.of(new NameCount("市城管局", 18), new NameCount("奎文区住建局", 6)), List.of("11", "12"),
                List.of("11", "12", "13"));
        // a label an attacker could type into a matter: it must reach the spreadsheet as text, and a number masked
        HotTopic odd = new HotTopic(List.of("=HYPERLINK(\"x\")", "13912345678"), 2, 0, Trend.NEW, List.of(), List.of(),
                List.of(), List.of("14"), List.of("14", "15"));
        Map<String, WindowMatter> m = Map.of(
                "11", new WindowMatter(11, "WF20261201-00011", "工地噪音", NOW, "", "奎文区", "市城管局"),
                "12", new WindowMatter(12, "WF20261202-00012", "夜里打桩", NOW, "", "奎文区", "市城管局"),
                "14", new WindowMatter(14, "WF20261203-00014", "x", NOW, "", "", null));
        return new TextService.Topics(new HotTopicReport(NOW.minusSeconds(7 * 86400), NOW, List.of(noise, odd), 30, 3, 4,
                List.of()), m);
    }

    @Test
    void oneRowATopicWithChineseHeadersTrendAndExamples() {
        String csv = HotTopicExport.csv(topics());
        assertThat(csv).startsWith("\uFEFF");
        List<String> lines = List.of(csv.substring(1).split("\r\n"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("\"热点诉求（标签词）\",\"事项数\",\"上期事项数\",\"趋势\",\"涉及承办单位（事项数）\","
                + "\"涉及区县（事项数）\",\"示例事项编号\",\"示例事项ID\"");
        assertThat(lines.get(1)).isEqualTo("\"噪音、夜间施工、工地\",\"24\",\"3\",\"上升\",\"市城管局（18）、奎文区住建局（6）\","
                + "\"奎文区（20）、未填写（4）\",\"WF20261201-00011、WF20261202-00012\",\"11、12\"");
        assertThat(lines.get(2)).startsWith("\"'=HYPERLINK(\"\"x\"\")、139****5678\",\"2\",\"0\",\"新出现\",\"未填写\",\"未填写\","
                + "\"WF20261203-00014\",\"14\"");
        assertThat(csv).doesNotContain("13912345678").doesNotContain("rising").doesNotContain("new");
    }

    @Test
    void theWorkbookHoldsTheSameTopicsCountsAsNumbers() throws IOException {
        byte[] xlsx = HotTopicExport.xlsx(topics());
        assertThat(xlsx).startsWith((byte) 'P', (byte) 'K');
        StringBuilder xml = new StringBuilder();
        Path file = Files.createTempFile("hot", ".xlsx");
        Files.write(file, xlsx);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.getName().startsWith("xl/")) {
                    xml.append(new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        String text = Pattern.compile("&#x([0-9a-fA-F]+);").matcher(xml)
                .replaceAll(m -> new String(Character.toChars(Integer.parseInt(m.group(1), 16))));
        assertThat(text).contains("热点诉求（标签词）").contains("噪音、夜间施工、工地").contains("上升").contains("新出现")
                .contains("市城管局（18）").contains("WF20261201-00011、WF20261202-00012").contains("<v>24</v>")
                .doesNotContain("13912345678").doesNotContain("<f>");
    }

    @Test
    void theFileNameIsChineseWithAnAsciiFallback() {
        LocalDate from = LocalDate.parse("2026-12-01");
        LocalDate to = LocalDate.parse("2026-12-07");
        assertThat(HotTopicExport.fileName(from, to, "csv")).isEqualTo("热点诉求_2026-12-01_2026-12-07.csv");
        assertThat(HotTopicExport.contentDisposition(from, to, "xlsx")).isEqualTo("attachment; "
                + "filename=\"hot_topics_2026-12-01_2026-12-07.xlsx\"; "
                + "filename*=UTF-8''%E7%83%AD%E7%82%B9%E8%AF%89%E6%B1%82_2026-12-01_2026-12-07.xlsx");
    }
}
