package cn.hotline12345.cti.platform.i18n;

import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.platform.web.Api;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueTest {

    private final Catalogue zh = Catalogue.zh();

    @Test
    void textsFillTheirParametersAndLabelsFallBackToTheCode() {
        assertThat(zh.text("reason.too_long", Map.of("max", 200))).isEqualTo("不能超过200个字");
        assertThat(zh.label("matter.status", "draft")).isEqualTo("草稿");
        assertThat(zh.label("matter.status", "no_such_status")).isEqualTo("no_such_status");
        assertThat(zh.text("no.such.key")).isEqualTo("no.such.key");
        assertThat(zh.field("subject")).isEqualTo("事项标题");
    }

    @Test
    void aRefusalReadsInChineseWhileItsDetailStaysEnglish() {
        Refusal tooLong = Refusal.invalidBecause("subject", "reason.too_long", "longer than 200 characters", "max", 200);
        assertThat(Api.userMessage(tooLong)).isEqualTo("事项标题：不能超过200个字");
        assertThat(tooLong.getMessage()).isEqualTo("subject: longer than 200 characters");
        // without a key of its own: the kind's generic text, naming the field in Chinese
        assertThat(Api.userMessage(Refusal.invalid("district", "unknown value 'x'"))).isEqualTo("输入有误：区县");
        assertThat(Api.userMessage(Refusal.notFound("matter 7"))).isEqualTo("未找到相应的记录");
    }

    /** Every key the server's code names exists: a missing one would show its key to a user. */
    @Test
    void everyKeyTheServerNamesIsInTheCatalogue() throws IOException {
        Pattern uses = Pattern.compile("(?:tell|reason|invalidBecause\\([^,]+,)\\s*\\(?\\s*\"((?:error|reason|field|matter|agent|call|ivr|caller)\\.[\\w.-]+)\"");
        TreeSet<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = uses.matcher(Files.readString(f));
                while (m.find()) {
                    if (!zh.has(m.group(1))) {
                        missing.add(m.group(1) + " (" + f.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
