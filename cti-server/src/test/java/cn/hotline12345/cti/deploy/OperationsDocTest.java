package cn.hotline12345.cti.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/operations.md names exactly the server's own metrics that exist in the code. */
class OperationsDocTest {

    private static final Path DOC = Path.of("../docs/operations.md");
    private static final Path SOURCES = Path.of("src/main/java");
    /** Named in the doc as a metric to add, explicitly marked "to be added". */
    private static final Set<String> PROPOSED = Set.of();

    @Test
    void everyMetricInTheCodeIsDocumentedAndNoOtherIsClaimed() throws IOException {
        Set<String> inCode = new TreeSet<>();
        // counters named the Micrometer way ("cti.agi.sessions.refused") are exported as cti_agi_sessions_refused_total
        Set<String> dottedCounters = new TreeSet<>();
        Pattern dotted = Pattern.compile("Counter\\.builder\\(\"(cti\\.[a-z0-9.]+)\"\\)");
        Pattern literal = Pattern.compile("\"(cti_[a-z0-9_]+)\"");
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    inCode.add(m.group(1));
                }
                Matcher d = dotted.matcher(Files.readString(f));
                while (d.find()) {
                    dottedCounters.add(d.group(1).replace('.', '_') + "_total");
                }
            }
        }
        assertThat(inCode).contains("cti_ami_link_up", "cti_call_writer_spilled_items");

        String doc = Files.readString(DOC);
        Set<String> inDoc = new TreeSet<>();
        Matcher m = Pattern.compile("`(cti_[a-z0-9_]+)").matcher(doc);
        while (m.find()) {
            inDoc.add(m.group(1));
        }
        for (String metric : inCode) {
            assertThat(doc).as("docs/operations.md lists %s", metric).contains("`" + metric + "`");
        }
        inDoc.removeAll(PROPOSED);
        Set<String> exported = new TreeSet<>(inCode);
        exported.addAll(dottedCounters);
        assertThat(exported).as("metrics the doc names").containsAll(inDoc);
        for (String proposed : PROPOSED) {
            assertThat(exported).doesNotContain(proposed);
            int at = doc.indexOf(proposed);
            assertThat(doc.substring(Math.max(0, doc.lastIndexOf('\n', at)), at)).contains("to be added");
        }
    }
}
