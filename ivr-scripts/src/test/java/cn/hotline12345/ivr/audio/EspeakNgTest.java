package cn.hotline12345.ivr.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The synthesizer's program: missing, failing, hanging, or producing nonsense all give a clear error. */
class EspeakNgTest {

    private static EspeakNg engine(Path program) {
        return new EspeakNg(EspeakNg.Options.defaults().withCommand(program.toString()).withTimeout(Duration.ofSeconds(20)));
    }

    private static SpeechException.Kind kind(Throwable t) {
        return ((SpeechException) t).kind();
    }

    @Test
    void aMissingProgramSaysWhatToInstall(@TempDir Path dir) {
        EspeakNg e = engine(dir.resolve("no-such-espeak-ng"));
        assertThatThrownBy(e::fingerprint).isInstanceOf(SpeechException.class)
                .hasMessageContaining("cannot run").hasMessageContaining("apt-get install espeak-ng")
                .satisfies(t -> assertThat(kind(t)).isEqualTo(SpeechException.Kind.NOT_INSTALLED));
        assertThatThrownBy(() -> e.synthesize("你好")).isInstanceOf(SpeechException.class)
                .satisfies(t -> assertThat(kind(t)).isEqualTo(SpeechException.Kind.NOT_INSTALLED));
    }

    @Test
    void aFailingProgramReportsItsExitCodeAndStderr(@TempDir Path dir) throws Exception {
        EspeakNg e = engine(AudioFixtures.fakeEspeak(dir, "failing",
                "echo 'Error: The specified espeak-ng voice does not exist.' >&2; exit 3"));
        assertThat(e.fingerprint()).isEqualTo("espeak-ng 0.0-fake voice=cmn-latn-pinyin speed=175 pitch=50 no-final-pause");
        assertThatThrownBy(() -> e.synthesize("你好")).isInstanceOf(SpeechException.class)
                .hasMessageContaining("exit code 3").hasMessageContaining("voice does not exist")
                .satisfies(t -> assertThat(kind(t)).isEqualTo(SpeechException.Kind.FAILED));
    }

    @Test
    void noAudioOrAMalformedWavIsAFailureNotSilence(@TempDir Path dir) throws Exception {
        EspeakNg empty = engine(AudioFixtures.fakeEspeak(dir, "empty", "exit 0"));
        assertThatThrownBy(() -> empty.synthesize("你好")).hasMessageContaining("produced no audio");
        EspeakNg garbage = engine(AudioFixtures.fakeEspeak(dir, "garbage", "echo 'segmentation fault' >&2; echo notawav"));
        assertThatThrownBy(() -> garbage.synthesize("你好")).hasMessageContaining("malformed WAV")
                .hasMessageContaining("segmentation fault");
        EspeakNg headerOnly = engine(AudioFixtures.fakeEspeak(dir, "header", "head -c 44 \"$WAV\""));
        assertThatThrownBy(() -> headerOnly.synthesize("你好")).hasMessageContaining("empty WAV");
    }

    @Test
    void aHangingProgramIsStoppedAfterItsTimeout(@TempDir Path dir) throws Exception {
        Path hang = AudioFixtures.fakeEspeak(dir, "hang", "exec sleep 30");
        EspeakNg e = new EspeakNg(EspeakNg.Options.defaults().withCommand(hang.toString()).withTimeout(Duration.ofMillis(300)));
        assertThatThrownBy(() -> e.synthesize("你好")).isInstanceOf(SpeechException.class)
                .hasMessageContaining("longer than")
                .satisfies(t -> assertThat(kind(t)).isEqualTo(SpeechException.Kind.TIMEOUT));
    }

    @Test
    void badOptionsAreRefused() {
        EspeakNg.Options d = EspeakNg.Options.defaults();
        assertThatThrownBy(() -> new EspeakNg.Options(" ", d.voice(), 175, 50, d.timeout())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EspeakNg.Options("espeak-ng", "cmn; rm -rf /", 175, 50, d.timeout()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EspeakNg.Options("espeak-ng", d.voice(), 10, 50, d.timeout())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EspeakNg.Options("espeak-ng", d.voice(), 175, 100, d.timeout())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRealEspeakNgSpeaksMandarinAt22kHz() throws Exception {
        AudioFixtures.assumeEspeakNg();
        EspeakNg e = new EspeakNg(EspeakNg.Options.defaults());
        assertThat(e.version()).matches("\\d+\\.\\d+.*");
        Pcm short1 = e.synthesize("你好");
        Pcm long1 = e.synthesize("正在为您转接话务员，请稍候。正在为您转接话务员，请稍候。");
        assertThat(short1.sampleRate()).isEqualTo(22050);
        assertThat(short1.durationMs()).isBetween(200L, 2000L);
        assertThat(long1.durationMs()).isGreaterThan(short1.durationMs() * 4);
        // a text that looks like an option is spoken, not parsed (it goes in on stdin)
        assertThat(e.synthesize("--help").durationMs()).isGreaterThan(100);
    }
}
