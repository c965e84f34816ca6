package cn.hotline12345.pbxsim.media;

import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped citizen clips: present, speech then 1.5 s of silence, small; and the loop over them. */
class VoiceTest {

    @Test
    void everyClipIsSpeechThenSilenceAndAllTogetherStaySmall() throws Exception {
        long total = 0;
        for (int i = 1; i <= Voice.citizens(); i++) {
            byte[] clip;
            try (InputStream in = VoiceTest.class.getResourceAsStream("/pbxsim/voices/citizen-" + i + ".ulaw")) {
                assertThat(in).as("clip %d", i).isNotNull();
                clip = in.readAllBytes();
            }
            total += clip.length;
            assertThat(clip.length).as("clip %d: several seconds at 8 kHz", i).isBetween(4 * 8000, 20 * 8000);
            // mu-law silence is 0xFF (+0) or 0x7F (-0); sox's dither leaves a few steps of +-1 (0xFE, 0x7E): the last
            // 1.5 s is that, and there is speech (far from silence) before it
            for (int k = clip.length - 12_000; k < clip.length; k++) {
                assertThat(clip[k] & 0x7F).as("clip %d byte %d", i, k).isGreaterThanOrEqualTo(0x7C);
            }
            int loud = 0;
            for (int k = 0; k < clip.length - 12_000; k++) {
                if ((clip[k] & 0x70) < 0x40) { // exponent of the inverted byte 3 or more: above about 1/64 full scale
                    loud++;
                }
            }
            assertThat(loud).as("clip %d has speech", i).isGreaterThan(8000);
        }
        assertThat(total).isLessThan(500_000);
    }

    @Test
    void citizensWrapAndFramesLoop() {
        assertThat(Voice.citizen(Voice.citizens()).name()).isEqualTo(Voice.citizen(0).name());
        assertThat(Voice.citizen(-1).name()).isEqualTo("citizen-" + Voice.citizens());
        Voice tone = Voice.tone();
        byte[] a = new byte[Voice.FRAME_BYTES];
        byte[] b = new byte[Voice.FRAME_BYTES];
        tone.frame(0, a);
        tone.frame(tone.samples() / Voice.FRAME_BYTES, b); // one second later: the same, the loop is seamless
        assertThat(b).isEqualTo(a);
        assertThat(Voice.linearToUlaw(0)).isEqualTo((byte) 0xFF);
        assertThat(Voice.linearToUlaw(32767)).isEqualTo((byte) 0x80);
        assertThat(Voice.linearToUlaw(-32768)).isEqualTo((byte) 0x00);
    }
}
