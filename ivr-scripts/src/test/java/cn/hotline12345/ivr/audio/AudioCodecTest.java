package cn.hotline12345.ivr.audio;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WAV reading and writing, the resampler and the G.711 encoders. */
class AudioCodecTest {

    @Test
    void writesExactlyTheWavAsteriskPlays() {
        Pcm pcm = new Pcm(8000, new short[]{0, 1000, -1000, 32767, -32768});
        byte[] wav = WavFile.write(pcm);
        // formats/format_wav.c check_header_fmt: format 1 (PCM), 1 channel, freq == 8000, 2 bytes per sample
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo(wav.length - 8);
        assertThat(b.getShort(20)).isEqualTo((short) 1);
        assertThat(b.getShort(22)).isEqualTo((short) 1);
        assertThat(b.getInt(24)).isEqualTo(8000);
        assertThat(b.getInt(28)).isEqualTo(16000);
        assertThat(b.getShort(32)).isEqualTo((short) 2);
        assertThat(b.getShort(34)).isEqualTo((short) 16);
        assertThat(b.getInt(40)).isEqualTo(10);
        assertThat(WavFile.read(wav).samples()).containsExactly(pcm.samples());
        WavFile.Header h = WavFile.header(wav);
        assertThat(h.frames()).isEqualTo(5);
    }

    @Test
    void readsStudioShapesAndMixesStereoDown() {
        for (int bits : new int[]{8, 16, 24, 32}) {
            Pcm p = WavFile.read(AudioFixtures.toneWav(44100, 2, bits, 440, 0.5, 100));
            assertThat(p.sampleRate()).isEqualTo(44100);
            assertThat(p.samples()).hasSize(4410);
            assertThat(p.peak()).as("%d bits", bits).isBetween(16000, 16500); // 0.5 of full scale, whatever the depth
        }
    }

    @Test
    void readsEspeakStreamedHeaderWhoseSizesAreTooLarge() {
        byte[] wav = AudioFixtures.toneWav(22050, 1, 16, 440, 0.5, 100);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4, 0x7ffff024); // what espeak-ng --stdout writes (it cannot know the length)
        b.putInt(40, 0x7ffff000);
        assertThat(WavFile.read(wav).samples()).hasSize(2205);
    }

    @Test
    void refusesWhatIsNotPcmWav() {
        assertThatThrownBy(() -> WavFile.read(new byte[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a WAV");
        assertThatThrownBy(() -> WavFile.read("ID3\u0004 this is an mp3 really".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RIFF");
        byte[] gsm = AudioFixtures.toneWav(8000, 1, 16, 440, 0.5, 10);
        ByteBuffer.wrap(gsm).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 49); // GSM 6.10 in WAV
        assertThatThrownBy(() -> WavFile.read(gsm)).hasMessageContaining("format 49 is not linear PCM");
        byte[] six = AudioFixtures.toneWav(8000, 1, 16, 440, 0.5, 10);
        ByteBuffer.wrap(six).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 6);
        assertThatThrownBy(() -> WavFile.read(six)).hasMessageContaining("6 channels");
        byte[] noData = java.util.Arrays.copyOf(AudioFixtures.toneWav(8000, 1, 16, 440, 0.5, 10), 36);
        assertThatThrownBy(() -> WavFile.read(noData)).hasMessageContaining("without a 'data' chunk");
    }

    @Test
    void resamplingKeepsTheTelephoneBandAndRemovesWhatWouldAlias() {
        // 1 kHz is speech: it must pass at its level; 6 kHz cannot exist at 8 kHz and would fold back to 2 kHz
        Pcm speech = Resampler.resample(WavFile.read(AudioFixtures.toneWav(22050, 1, 16, 1000, 0.5, 1000)), 8000);
        Pcm hiss = Resampler.resample(WavFile.read(AudioFixtures.toneWav(22050, 1, 16, 6000, 0.5, 1000)), 8000);
        assertThat(speech.sampleRate()).isEqualTo(8000);
        assertThat(speech.samples().length).isBetween(7990, 8000);
        double in = 0.5 * 32767 / Math.sqrt(2);
        double pass = AudioFixtures.rms(speech.samples(), 400, 7600);
        double stop = AudioFixtures.rms(hiss.samples(), 400, 7600);
        assertThat(20 * Math.log10(pass / in)).as("1 kHz gain in dB").isBetween(-0.5, 0.5);
        assertThat(20 * Math.log10(stop / in)).as("6 kHz gain in dB").isLessThan(-50);
        // 48 kHz studio recordings too
        Pcm studio = Resampler.resample(WavFile.read(AudioFixtures.toneWav(48000, 1, 16, 1000, 0.5, 500)), 8000);
        assertThat(20 * Math.log10(AudioFixtures.rms(studio.samples(), 200, 3800) / in)).isBetween(-0.5, 0.5);
        Pcm same = new Pcm(8000, new short[]{1, 2, 3});
        assertThat(Resampler.resample(same, 8000)).isSameAs(same);
    }

    @Test
    void g711MatchesTheReferenceCodeWords() {
        // ITU-T G.711 / Sun reference: silence is 0xFF in mu-law and 0xD5 in A-law; full scale 0x80/0x00 and 0xAA/0x2A
        assertThat(G711.ulaw((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(G711.alaw((short) 0)).isEqualTo((byte) 0xD5);
        assertThat(G711.ulaw((short) 32767)).isEqualTo((byte) 0x80);
        assertThat(G711.ulaw((short) -32768)).isEqualTo((byte) 0x00);
        assertThat(G711.alaw((short) 32767)).isEqualTo((byte) 0xAA);
        assertThat(G711.alaw((short) -32768)).isEqualTo((byte) 0x2A);
        for (int v = -32768; v <= 32767; v += 7) {
            short s = (short) v;
            int tolerance = Math.max(16, Math.abs(v) / 14); // logarithmic quantisation: about 4 bits of mantissa
            assertThat(Math.abs(G711.ulawToLinear(G711.ulaw(s)) - v)).as("mu-law %d", v).isLessThanOrEqualTo(tolerance);
            assertThat(Math.abs(G711.alawToLinear(G711.alaw(s)) - v)).as("A-law %d", v).isLessThanOrEqualTo(tolerance);
        }
    }

    @Test
    void levelAndPauses() {
        Pcm p = new Pcm(8000, new short[]{100, -200, 50});
        assertThat(p.normalisedTo(20000).samples()).containsExactly((short) 10000, (short) -20000, (short) 5000);
        assertThat(new Pcm(8000, new short[3]).normalisedTo(20000).samples()).containsOnly((short) 0);
        assertThat(p.withSilenceAfter(150).samples()).hasSize(3 + 1200);
        assertThatThrownBy(() -> new Pcm(10, new short[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
