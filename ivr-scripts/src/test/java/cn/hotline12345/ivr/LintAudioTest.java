package cn.hotline12345.ivr;

import cn.hotline12345.ivr.audio.AudioCoverage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** FlowLint refuses a prompt without text, and with --sounds a sound without audio. */
class LintAudioTest {

    private static final String FLOW = "start: a\nnodes:\n  a: {kind: play, prompts: [p1], next: n}\n"
            + "  n: {kind: say_digits, digits: \"${caller}\", next: b}\n  b: {kind: hangup, prompts: [p2]}\n";

    private record Lint(int code, String out, String err) {
    }

    private static Lint lint(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FlowLint.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Lint(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path flows(Path dir, String catalogue) throws IOException {
        Files.createDirectories(dir.resolve("flows"));
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("flows/t.yaml"), FLOW);
        Files.writeString(dir.resolve("prompts/catalogue.yaml"), catalogue);
        return dir;
    }

    @Test
    void aPromptWithNoTextFailsTheLint(@TempDir Path dir) throws IOException {
        for (String bad : List.of("  p1: {text: \"\", file: t/p1}\n", "  p1: {file: t/p1}\n", "  p1: {text: \"   \", file: t/p1}\n",
                "  p1: {text: 一, file: t/p1, speech: \"\"}\n")) {
            Path d = flows(Files.createTempDirectory(dir, "c"), "prompts:\n" + bad + "  p2: {text: 二, file: t/p2}\n");
            Lint l = lint(d.toString());
            assertThat(l.code()).as(bad).isEqualTo(1);
            assertThat(l.err()).as(bad).containsAnyOf("prompt text is empty", "missing field 'text'", "'speech' is empty");
        }
    }

    @Test
    void twoPromptsMayShareAFileOnlyWithTheSameText(@TempDir Path dir) throws IOException {
        Path same = flows(dir.resolve("same"), "prompts:\n  p1: {text: 一, file: t/x}\n  p2: {text: 一, file: t/x}\n");
        assertThat(lint(same.toString()).code()).isZero();
        Path other = flows(dir.resolve("other"), "prompts:\n  p1: {text: 一, file: t/x}\n  p2: {text: 二, file: t/x}\n");
        Lint l = lint(other.toString());
        assertThat(l.code()).isEqualTo(1);
        assertThat(l.err()).contains("node 'p2': plays file 't/x' like prompt 'p1', but with another text");
    }

    @Test
    void withSoundsEveryPromptAndTheDigitsNeedAudio(@TempDir Path dir) throws IOException {
        Path d = flows(dir.resolve("res"), "prompts:\n  p1: {text: 一, file: t/p1}\n  p2: {text: 二, file: t/p2, speech: er4}\n");
        Path zh = dir.resolve("zh");
        Files.createDirectories(zh.resolve("t"));
        Files.write(zh.resolve("t/p1.wav"), new byte[44]);
        Files.write(zh.resolve("t/p2.txt"), new byte[4]); // not an audio format Asterisk reads
        Lint missing = lint(d.toString(), "--sounds", zh.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("ERROR prompt 'p2': no audio for 't/p2'")
                .contains("ERROR SAY DIGITS/SAY NUMBER: no audio for 'digits/0'").contains("silence");
        Files.write(zh.resolve("t/p2.alaw"), new byte[4]);
        Files.createDirectories(zh.resolve("digits"));
        for (String say : cn.hotline12345.ivr.audio.AsteriskSayFiles.files().keySet()) {
            Files.write(zh.resolve(say + ".ulaw"), new byte[4]);
        }
        Lint ok = lint(d.toString(), "--sounds", zh.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("every sound has audio");
        // without --sounds nothing is asked of the audio (generation inactive)
        assertThat(lint(d.toString()).code()).isZero();
        assertThat(lint(d.toString(), "--sounds", dir.resolve("nowhere").toString()).err()).contains("is not a directory");
        assertThat(lint(d.toString(), "--sounds").code()).isEqualTo(2);
        assertThat(lint("--bogus").code()).isEqualTo(2);
    }

    @Test
    void theSpeechTextIsWhatTheSynthesizerReads() {
        FlowSet set = TestFlows.single("start: a\nnodes:\n  a: {kind: hangup, prompts: [p1]}\n");
        assertThat(AudioCoverage.needed(set).get("t/p1").text()).isEqualTo("一");
        assertThat(AudioCoverage.saysDigitsOrNumbers(set)).isFalse();
        assertThat(AudioCoverage.needed(set)).doesNotContainKey("digits/0");
        assertThat(AudioCoverage.needed(TestFlows.shipped())).containsKey("digits/0");
    }
}
