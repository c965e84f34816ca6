package cn.hotline12345.ivr.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reusable part the server calls for run-time texts: install, cache, recordings, removal. */
class PromptSynthesizerTest {

    /** Speaks every text as a 22050 Hz tone whose length grows with the text, and counts its calls. */
    static final class ToneEngine implements SpeechEngine {
        final AtomicInteger calls = new AtomicInteger();
        String version = "1";

        @Override
        public String fingerprint() {
            return "tone " + version;
        }

        @Override
        public Pcm synthesize(String text) {
            calls.incrementAndGet();
            return WavFile.read(AudioFixtures.toneWav(22050, 1, 16, 500, 0.3, 100 * text.length()));
        }
    }

    @Test
    void installWritesTheThreeFormatsAtEightKilohertzAndCachesByText(@TempDir Path zh) throws Exception {
        ToneEngine engine = new ToneEngine();
        PromptSynthesizer s = new PromptSynthesizer(engine, SpeechText.standard());
        PromptSynthesizer.Outcome first = s.install(zh, "knowledge/kb-42", "社保卡补办需要身份证。");
        assertThat(first.status()).isEqualTo(PromptSynthesizer.Status.GENERATED);
        Path wav = zh.resolve("knowledge/kb-42.wav");
        WavFile.Header h = WavFile.header(Files.readAllBytes(wav));
        assertThat(h.sampleRate()).isEqualTo(8000);
        assertThat(h.channels()).isEqualTo(1);
        assertThat(h.bitsPerSample()).isEqualTo(16);
        long samples = h.frames();
        assertThat(Files.size(zh.resolve("knowledge/kb-42.ulaw"))).isEqualTo(samples);
        assertThat(Files.size(zh.resolve("knowledge/kb-42.alaw"))).isEqualTo(samples);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wav))).isEqualTo("rw-r--r--");
        assertThat(WavFile.read(Files.readAllBytes(wav)).peak()).isEqualTo(PromptSynthesizer.PEAK);
        // 11 characters at 100 ms, then the pause after a sentence
        assertThat(first.durationMs()).isBetween(1090L + PromptSynthesizer.SENTENCE_PAUSE_MS, 1110L + PromptSynthesizer.SENTENCE_PAUSE_MS);

        FileTime before = Files.getLastModifiedTime(wav);
        Files.setLastModifiedTime(wav, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(s.install(zh, "knowledge/kb-42", "社保卡补办需要身份证。").status()).isEqualTo(PromptSynthesizer.Status.UNCHANGED);
        assertThat(engine.calls).hasValue(1);
        assertThat(Files.getLastModifiedTime(wav)).isEqualTo(FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(before).isNotNull();

        assertThat(s.install(zh, "knowledge/kb-42", "社保卡补办需要户口簿。").status()).isEqualTo(PromptSynthesizer.Status.GENERATED);
        assertThat(engine.calls).hasValue(2);
        engine.version = "2"; // a new engine version makes it again
        assertThat(s.install(zh, "knowledge/kb-42", "社保卡补办需要户口簿。").status()).isEqualTo(PromptSynthesizer.Status.GENERATED);
        Files.delete(zh.resolve("knowledge/kb-42.alaw")); // a lost file too
        assertThat(s.install(zh, "knowledge/kb-42", "社保卡补办需要户口簿。").status()).isEqualTo(PromptSynthesizer.Status.GENERATED);
        assertThat(engine.calls).hasValue(4);

        PromptSynthesizer.remove(zh, "knowledge/kb-42");
        try (var files = Files.list(zh.resolve("knowledge"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void otherFormatsOfTheSameNameAreRemovedSoAsteriskCannotPickAStaleOne(@TempDir Path zh) throws Exception {
        Files.createDirectories(zh.resolve("units"));
        Files.write(zh.resolve("units/u-7.gsm"), new byte[33]);
        Files.write(zh.resolve("units/u-7.sln16"), new byte[64]);
        Files.write(zh.resolve("units/u-70.gsm"), new byte[33]); // another sound: untouched
        new PromptSynthesizer(new ToneEngine(), SpeechText.standard()).install(zh, "units/u-7", "市住房和城乡建设局");
        assertThat(zh.resolve("units/u-7.gsm")).doesNotExist();
        assertThat(zh.resolve("units/u-7.sln16")).doesNotExist();
        assertThat(zh.resolve("units/u-70.gsm")).exists();
        assertThat(SoundFormats.exists(zh, "units/u-7")).isTrue();
        assertThat(SoundFormats.exists(zh, "units/u-8")).isFalse();
    }

    @Test
    void badNamesAndBadTextsChangeNothing(@TempDir Path zh) throws Exception {
        ToneEngine engine = new ToneEngine();
        PromptSynthesizer s = new PromptSynthesizer(engine, SpeechText.standard());
        for (String bad : new String[]{"../etc/passwd", "/abs/x", "a b", "x\ny", "", "dir/", "a//b", "..", "知识/1"}) {
            assertThatThrownBy(() -> s.install(zh, bad, "你好")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> s.install(zh, "knowledge/kb-1", "  ")).isInstanceOf(SpeechException.class);
        assertThat(engine.calls).hasValue(0);
        try (var files = Files.list(zh)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aFailingEngineLeavesTheOldAudioInPlace(@TempDir Path zh) throws Exception {
        ToneEngine good = new ToneEngine();
        new PromptSynthesizer(good, SpeechText.standard()).install(zh, "knowledge/kb-5", "旧的答案");
        byte[] old = Files.readAllBytes(zh.resolve("knowledge/kb-5.wav"));
        SpeechEngine broken = new SpeechEngine() {
            @Override public String fingerprint() {
                return "broken";
            }

            @Override public Pcm synthesize(String text) throws SpeechException {
                throw new SpeechException(SpeechException.Kind.FAILED, "espeak-ng failed with exit code 1: out of memory");
            }
        };
        assertThatThrownBy(() -> new PromptSynthesizer(broken, SpeechText.standard()).install(zh, "knowledge/kb-5", "新的答案"))
                .hasMessageContaining("out of memory");
        assertThat(Files.readAllBytes(zh.resolve("knowledge/kb-5.wav"))).isEqualTo(old);
    }

    @Test
    void recordingsAreConvertedAndKeyedByTheirBytes(@TempDir Path dir) throws Exception {
        Path zh = dir.resolve("zh");
        Path rec = dir.resolve("welcome.wav");
        Files.write(rec, AudioFixtures.toneWav(48000, 2, 24, 300, 0.25, 1500));
        PromptSynthesizer.Outcome o = PromptSynthesizer.installRecording(zh, "hotline/welcome-24h", rec);
        assertThat(o.status()).isEqualTo(PromptSynthesizer.Status.RECORDED);
        assertThat(o.durationMs()).isBetween(1490L, 1500L);
        Pcm pcm = WavFile.read(Files.readAllBytes(zh.resolve("hotline/welcome-24h.wav")));
        assertThat(pcm.sampleRate()).isEqualTo(8000);
        assertThat(pcm.peak()).as("the studio's level is kept").isBetween(7900, 8500);
        assertThat(PromptSynthesizer.installRecording(zh, "hotline/welcome-24h", rec).status())
                .isEqualTo(PromptSynthesizer.Status.UNCHANGED);
        Files.write(rec, AudioFixtures.toneWav(44100, 1, 16, 300, 0.25, 1000));
        assertThat(PromptSynthesizer.installRecording(zh, "hotline/welcome-24h", rec).status())
                .isEqualTo(PromptSynthesizer.Status.RECORDED);
        Path mp3 = dir.resolve("x.wav");
        Files.writeString(mp3, "ID3 not a wav");
        assertThatThrownBy(() -> PromptSynthesizer.installRecording(zh, "hotline/x", mp3))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("x.wav").hasMessageContaining("RIFF");
    }
}
