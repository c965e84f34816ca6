package cn.hotline12345.ivr.audio;

import cn.hotline12345.ivr.FlowSet;
import cn.hotline12345.ivr.TestFlows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real thing: espeak-ng speaks every sound of the shipped flows, and the result is what Asterisk plays. Skipped
 * with a message where espeak-ng is not installed, failed instead on CI ({@link AudioFixtures#assumeEspeakNg}).
 */
class ShippedPromptAudioTest {

    @Test
    void everyShippedSoundIsAnEightKilohertzMonoFileAsLongAsItsText(@TempDir Path dir) throws Exception {
        AudioFixtures.assumeEspeakNg();
        Path out = dir.resolve("zh");
        PromptAudioToolTest.Run r = PromptAudioToolTest.tool(AudioFixtures.noCi(), "--resources",
                PromptAudioToolTest.RESOURCES.toString(), "--out", out.toString(), "--mode", "required");
        assertThat(r.code()).as(r.err()).isZero();
        FlowSet set = TestFlows.shipped();
        Map<String, AudioCoverage.Needed> needed = AudioCoverage.needed(set);
        for (AudioCoverage.Needed n : needed.values()) {
            byte[] wav = Files.readAllBytes(out.resolve(n.soundName() + ".wav"));
            WavFile.Header h = WavFile.header(wav);
            // formats/format_wav.c: PCM, 16 bit, mono, 8 kHz for a lowercase .wav
            assertThat(h.format()).as(n.soundName()).isEqualTo(1);
            assertThat(h.channels()).as(n.soundName()).isEqualTo(1);
            assertThat(h.sampleRate()).as(n.soundName()).isEqualTo(8000);
            assertThat(h.bitsPerSample()).as(n.soundName()).isEqualTo(16);
            assertThat(Files.size(out.resolve(n.soundName() + ".ulaw"))).isEqualTo(h.frames());
            assertThat(Files.size(out.resolve(n.soundName() + ".alaw"))).isEqualTo(h.frames());
            Pcm pcm = WavFile.read(wav);
            assertThat(pcm.peak()).as("%s is not silent", n.soundName()).isEqualTo(PromptSynthesizer.PEAK);
            int syllables = syllables(n.text());
            long ms = h.durationMs();
            // espeak-ng at 175 "words" a minute says a Han character in about a quarter second
            assertThat(ms).as("%s: %d syllables", n.soundName(), syllables).isBetween(120L * syllables, 600L * syllables + 400);
        }
        assertThat(AudioCoverage.missing(set, out)).isEmpty();
        assertThat(r.out()).contains("GENERATED=" + needed.size());
        long welcome = WavFile.header(Files.readAllBytes(out.resolve("hotline/welcome-24h.wav"))).durationMs();
        long transferring = WavFile.header(Files.readAllBytes(out.resolve("hotline/transferring.wav"))).durationMs();
        assertThat(welcome).isGreaterThan(transferring * 2); // 35 syllables against 9
    }

    /** Han characters, plus the digits read one by one and the small numbers (24 → 二十四). */
    private static int syllables(String text) {
        int n = 0;
        String digits = text.replaceAll("[^0-9]+", " ").strip();
        for (String run : digits.isEmpty() ? new String[0] : digits.split(" ")) {
            n += run.length() >= 3 ? run.length() : run.length() == 2 ? (run.charAt(1) == '0' ? 2 : 3) : 1;
        }
        return n + (int) text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
    }

    @Test
    void everyPromptIsReadAsMandarinNeverAsEnglish() throws Exception {
        AudioFixtures.assumeEspeakNg();
        // voice "cmn" reads the dictionary's pinyin by English rules: 便民 -> (en)baI11@11nfo@11 ("bian four")
        assertThat(AudioFixtures.phonemes("便民")).doesNotContain("(en)");
        for (AudioCoverage.Needed n : AudioCoverage.needed(TestFlows.shipped()).values()) {
            String said = AudioFixtures.phonemes(SpeechText.standard().prepare(n.text()));
            assertThat(said).as("%s: %s", n.soundName(), said).doesNotContain("(en)").isNotBlank();
        }
    }

    @Test
    void theLexiconFixesTheReadingsEspeakGetsWrong() throws Exception {
        AudioFixtures.assumeEspeakNg();
        // espeak-ng -x: 重 alone is zhong4 (ts.'ong51), 重新 must be chong2 xin1 (ts.h'ong35)
        assertThat(AudioFixtures.phonemes("重新")).contains("ts.'ong51");
        assertThat(AudioFixtures.phonemes(SpeechText.standard().prepare("重新"))).contains("ts.h'ong35");
        // 潍坊 repeats its last syllable in espeak-ng's dictionary (wei35f'a55N_| fa22N); the pinyin does not
        assertThat(AudioFixtures.phonemes("潍坊")).contains("fa22N");
        assertThat(AudioFixtures.phonemes(SpeechText.standard().prepare("潍坊"))).isEqualToIgnoringWhitespace("w'ei35_| f'a55N_|");
        // every entry of the list changes what espeak-ng says
        for (Map.Entry<String, String> e : SpeechText.standard().lexicon().entrySet()) {
            assertThat(AudioFixtures.phonemes(e.getValue())).as(e.getKey()).isNotEqualTo(AudioFixtures.phonemes(e.getKey()));
        }
    }
}
