package cn.hotline12345.ivr.audio;

import cn.hotline12345.ivr.FlowSet;
import cn.hotline12345.ivr.TestFlows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build step, with a stand-in synthesizer so it runs on every machine: what it writes, the cache, studio
 * recordings winning, and every way it can fail. {@link ShippedPromptAudioTest} runs it with the real espeak-ng.
 */
class PromptAudioToolTest {

    static final Path RESOURCES = TestFlows.RESOURCES;

    record Run(int code, String out, String err) {
    }

    static Run tool(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PromptAudioTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A two-prompt flow set (t/p1, t/p2) in {@code dir/res}: quick to make, for the tests of the rules. */
    static Path small(Path dir) throws IOException {
        Path res = dir.resolve("res");
        Files.createDirectories(res.resolve("flows"));
        Files.createDirectories(res.resolve("prompts"));
        Files.writeString(res.resolve("prompts/catalogue.yaml"), """
                prompts:
                  p1: {text: 欢迎致电。, file: t/p1}
                  p2: {text: 再见。, file: t/p2}
                """);
        Files.writeString(res.resolve("flows/t.yaml"), """
                start: a
                nodes:
                  a: {kind: play, prompts: [p1], next: b}
                  b: {kind: hangup, prompts: [p2]}
                """);
        return res;
    }

    static Run make(Path espeak, Path recorded, Path out, String mode, Map<String, String> env) {
        return make(RESOURCES, espeak, recorded, out, mode, env);
    }

    static Run make(Path resources, Path espeak, Path recorded, Path out, String mode, Map<String, String> env) {
        List<String> a = new ArrayList<>(List.of("--resources", resources.toString(), "--out", out.toString(),
                "--mode", mode, "--espeak", espeak.toString()));
        if (recorded != null) {
            a.addAll(List.of("--recorded", recorded.toString()));
        }
        return tool(env, a.toArray(new String[0]));
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void everySoundOfTheFlowsGetsAudioAndASecondRunChangesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("zh");
        Run first = make(AudioFixtures.workingFake(dir), null, out, "auto", AudioFixtures.noCi());
        assertThat(first.code()).as(first.err()).isZero();
        FlowSet set = TestFlows.shipped();
        Map<String, AudioCoverage.Needed> needed = AudioCoverage.needed(set);
        assertThat(needed).containsKeys("hotline/welcome-24h", "digits/word-month", "digits/0", "digits/9", "digits/30",
                "digits/hundred", "digits/wan", "hotline/callback-confirmed");
        assertThat(first.out()).contains(needed.size() + " sounds", "GENERATED=" + needed.size());
        for (String name : needed.keySet()) {
            WavFile.Header h = WavFile.header(Files.readAllBytes(out.resolve(name + ".wav")));
            assertThat(h.sampleRate()).as(name).isEqualTo(8000);
            assertThat(h.channels()).as(name).isEqualTo(1);
            assertThat(h.durationMs()).as(name).isPositive();
            assertThat(Files.size(out.resolve(name + ".ulaw"))).isEqualTo(h.frames());
            assertThat(Files.size(out.resolve(name + ".alaw"))).isEqualTo(h.frames());
        }
        assertThat(AudioCoverage.missing(set, out)).isEmpty();
        assertThat(Files.readString(out.resolve(PromptAudioTool.INDEX))).contains("hotline/welcome-24h\tespeak-ng\t");

        Run second = make(AudioFixtures.workingFake(dir), null, out, "auto", AudioFixtures.noCi());
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("UNCHANGED=" + needed.size()).doesNotContain("GENERATED");
    }

    @Test
    void aChangedPromptTextIsTheOnlyOneMadeAgain(@TempDir Path dir) throws Exception {
        Path resources = small(dir);
        Path cat = resources.resolve("prompts/catalogue.yaml");
        Path out = dir.resolve("zh");
        Path fake = AudioFixtures.workingFake(dir);
        assertThat(make(resources, fake, null, out, "auto", AudioFixtures.noCi()).out()).contains("{GENERATED=2}");
        Files.writeString(cat, Files.readString(cat).replace("再见。", "祝您生活愉快，再见。"));
        Run r = make(resources, fake, null, out, "auto", AudioFixtures.noCi());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("{GENERATED=1, UNCHANGED=1}");
        assertThat(Files.readString(out.resolve(PromptAudioTool.INDEX))).contains("t/p2\tespeak-ng\t").contains("祝您生活愉快");
    }

    @Test
    void aStudioRecordingWinsOverTheSynthesizer(@TempDir Path dir) throws Exception {
        Path res = small(dir);
        Path rec = dir.resolve("recorded");
        Files.createDirectories(rec.resolve("t"));
        Files.write(rec.resolve("t/p1.wav"), AudioFixtures.toneWav(44100, 2, 24, 300, 0.25, 2500));
        Files.writeString(rec.resolve("README.md"), "notes are ignored");
        Path out = dir.resolve("zh");
        Run r = make(res, AudioFixtures.workingFake(dir), rec, out, "auto", AudioFixtures.noCi());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("{GENERATED=1, RECORDED=1}");
        assertThat(WavFile.header(Files.readAllBytes(out.resolve("t/p1.wav"))).durationMs()).isBetween(2490L, 2500L);
        assertThat(WavFile.header(Files.readAllBytes(out.resolve("t/p2.wav"))).durationMs()).isLessThan(1000); // the fake's tone
        assertThat(Files.readString(out.resolve(PromptAudioTool.INDEX))).contains("t/p1\trecorded\t2500\t", "t/p2\tespeak-ng\t");
        // the recording is removed: the synthesizer takes over again
        Files.delete(rec.resolve("t/p1.wav"));
        Run again = make(res, AudioFixtures.workingFake(dir), rec, out, "auto", AudioFixtures.noCi());
        assertThat(again.out()).contains("{GENERATED=1, UNCHANGED=1}");
        assertThat(WavFile.header(Files.readAllBytes(out.resolve("t/p1.wav"))).durationMs()).isLessThan(1000);
    }

    @Test
    void aRecordingThatMatchesNoPromptOrIsNotAWavFailsTheBuild(@TempDir Path dir) throws Exception {
        Path rec = dir.resolve("recorded");
        Files.createDirectories(rec.resolve("hotline"));
        Files.write(rec.resolve("hotline/welcome_24h.wav"), AudioFixtures.toneWav(8000, 1, 16, 300, 0.25, 100));
        Files.write(rec.resolve("hotline/goodbye.mp3"), new byte[10]);
        Files.write(rec.resolve("hotline/goodbye.WAV"), AudioFixtures.toneWav(8000, 1, 16, 300, 0.25, 100));
        Files.write(rec.resolve("hotline/goodbye.wav"), AudioFixtures.toneWav(8000, 1, 16, 300, 0.25, 100));
        Run r = make(AudioFixtures.workingFake(dir), rec, dir.resolve("zh"), "auto", AudioFixtures.noCi());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("recording hotline/welcome_24h.wav matches no sound")
                .contains("recording hotline/goodbye.mp3: only PCM .wav").contains("two recordings for hotline/goodbye");
        assertThat(dir.resolve("zh")).doesNotExist(); // nothing made before the problems are fixed
        Files.delete(rec.resolve("hotline/goodbye.mp3"));
        Files.delete(rec.resolve("hotline/goodbye.WAV"));
        Files.delete(rec.resolve("hotline/welcome_24h.wav"));
        Files.writeString(rec.resolve("hotline/goodbye.wav"), "not really a wav");
        Run bad = make(AudioFixtures.workingFake(dir), rec, dir.resolve("zh"), "auto", AudioFixtures.noCi());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("hotline/goodbye").contains("not a RIFF/WAVE file");
    }

    @Test
    void withoutTheSynthesizerAutoWarnsButRequiredAndCiFail(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("not-installed/espeak-ng");
        Path res = small(dir);
        Path rec = dir.resolve("recorded");
        Files.createDirectories(rec.resolve("t"));
        Files.write(rec.resolve("t/p1.wav"), AudioFixtures.toneWav(8000, 1, 16, 300, 0.25, 100));
        Path out = dir.resolve("zh");
        Run auto = make(res, missing, rec, out, "auto", AudioFixtures.noCi());
        assertThat(auto.code()).isZero();
        assertThat(auto.out()).contains("WARNING espeak-ng is not installed: 1 of 2 sounds have no audio")
                .contains("apt-get install espeak-ng");
        assertThat(files(out)).contains("t/p1.wav").doesNotContain("t/p2.wav");

        Run required = make(res, missing, rec, out, "required", AudioFixtures.noCi());
        assertThat(required.code()).isEqualTo(1);
        assertThat(required.err()).contains("cannot run").contains("apt-get install espeak-ng").contains("required");
        // every sound recorded: no synthesizer needed, even where it is required
        Files.write(rec.resolve("t/p2.wav"), AudioFixtures.toneWav(8000, 1, 16, 300, 0.25, 100));
        Run allRecorded = make(res, missing, rec, out, "required", AudioFixtures.noCi());
        assertThat(allRecorded.code()).as(allRecorded.err()).isZero();
        assertThat(allRecorded.out()).contains("RECORDED=");
        Files.delete(rec.resolve("t/p2.wav"));
        Run ci = make(res, missing, rec, out, "auto", Map.of("CI", "true"));
        assertThat(ci.code()).isEqualTo(1);
        assertThat(ci.err()).contains("apt-get install espeak-ng");
    }

    @Test
    void aFailingSynthesizerFailsTheBuildWithItsErrorOutput(@TempDir Path dir) throws Exception {
        Path failing = AudioFixtures.fakeEspeak(dir, "failing", "echo 'wavegen: cannot allocate 12 bytes' >&2; exit 2");
        Run r = make(small(dir), failing, null, dir.resolve("zh"), "auto", AudioFixtures.noCi());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("ERROR prompt '").contains("exit code 2").contains("wavegen: cannot allocate 12 bytes");
    }

    @Test
    void staleFilesAreRemovedButAForeignFolderIsNeverTouched(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("zh");
        Path res = small(dir);
        Path fake = AudioFixtures.workingFake(dir);
        assertThat(make(res, fake, null, out, "auto", AudioFixtures.noCi()).code()).isZero();
        Files.write(out.resolve("t/old-prompt.wav"), new byte[50]);
        Files.write(out.resolve("t/.p1.wav.123.tmp"), new byte[50]);
        assertThat(make(res, fake, null, out, "auto", AudioFixtures.noCi()).code()).isZero();
        assertThat(out.resolve("t/old-prompt.wav")).doesNotExist();
        assertThat(out.resolve("t/.p1.wav.123.tmp")).doesNotExist();
        assertThat(out.resolve("t/p1.wav")).exists();

        Path asterisk = dir.resolve("var-lib-asterisk-sounds-zh");
        Files.createDirectories(asterisk.resolve("knowledge"));
        Files.write(asterisk.resolve("knowledge/kb-1.wav"), new byte[50]);
        Run r = make(res, fake, null, asterisk, "auto", AudioFixtures.noCi());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("not made by this tool");
        assertThat(asterisk.resolve("knowledge/kb-1.wav")).exists();
    }

    @Test
    void offAndBadArguments(@TempDir Path dir) throws Exception {
        Run off = tool(AudioFixtures.noCi(), "--resources", RESOURCES.toString(), "--out", dir.resolve("zh").toString(),
                "--mode", "off");
        assertThat(off.code()).isZero();
        assertThat(off.out()).contains("off");
        assertThat(dir.resolve("zh")).doesNotExist();
        assertThat(tool(AudioFixtures.noCi(), "--out", "x").code()).isEqualTo(2);
        assertThat(tool(AudioFixtures.noCi(), "--resources", "r", "--out", "x", "--mode", "sometimes").err()).contains("auto, required or off");
        assertThat(tool(AudioFixtures.noCi(), "--resources", "r", "--out", "x", "--colour", "red").err()).contains("unknown option");
        assertThat(tool(AudioFixtures.noCi(), "--resources", "r", "--out", "x", "--threads", "0").code()).isEqualTo(2);
        assertThat(tool(AudioFixtures.noCi(), "--resources").code()).isEqualTo(2);
        Run noFlows = tool(AudioFixtures.noCi(), "--resources", dir.resolve("nothing").toString(), "--out", dir.resolve("zh").toString());
        assertThat(noFlows.code()).isEqualTo(1);
        assertThat(noFlows.err()).contains("ERROR");
    }

}
