package cn.hotline12345.ivr.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads and writes RIFF/WAVE files of linear PCM.
 *
 * <p>Reading accepts what studios and espeak-ng deliver: PCM (format 1, or WAVE_FORMAT_EXTENSIBLE with the PCM
 * sub-format), 8, 16, 24 or 32 bits, one or two channels (two are mixed down), any sample rate. espeak-ng's
 * {@code --stdout} writes a header with placeholder sizes ({@code 0x7ffff000}) because it streams; a data chunk
 * that claims more than the file holds is therefore read up to the end of the file.
 *
 * <p>Writing produces exactly what Asterisk's {@code format_wav} plays from a lowercase {@code .wav}: PCM, 16 bit,
 * mono, 8000 Hz (formats/format_wav.c, check_header_fmt: "Only PCM encoded, 16 bit, mono, 8kHz/16kHz files are
 * supported with a lowercase '.wav' extension", and {@code freq != hz} is refused).
 */
public final class WavFile {

    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

    private WavFile() {
    }

    /** What a WAV header says. */
    public record Header(int format, int channels, int sampleRate, int bitsPerSample, long dataBytes) {

        /** Whole frames in the data chunk. */
        public long frames() {
            int frameBytes = channels * (bitsPerSample / 8);
            return frameBytes == 0 ? 0 : dataBytes / frameBytes;
        }

        public long durationMs() {
            return sampleRate == 0 ? 0 : frames() * 1000 / sampleRate;
        }
    }

    /** Parses the header and locates the data chunk; throws {@link IllegalArgumentException} with the reason. */
    public static Header header(byte[] wav) {
        return parse(wav).header;
    }

    /** Decodes to mono 16-bit PCM at the file's own rate. */
    public static Pcm read(byte[] wav) {
        Parsed p = parse(wav);
        Header h = p.header;
        int bytesPerSample = h.bitsPerSample() / 8;
        int frameBytes = bytesPerSample * h.channels();
        int frames = (int) h.frames();
        short[] out = new short[frames];
        ByteBuffer b = ByteBuffer.wrap(wav, p.dataOffset, frames * frameBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < frames; f++) {
            long sum = 0;
            for (int c = 0; c < h.channels(); c++) {
                sum += sample16(b, bytesPerSample);
            }
            out[f] = Pcm.clamp(Math.round((double) sum / h.channels()));
        }
        return new Pcm(h.sampleRate(), out);
    }

    /** One sample scaled to 16 bits. */
    private static int sample16(ByteBuffer b, int bytes) {
        switch (bytes) {
            case 1:
                return ((b.get() & 0xff) - 128) << 8; // 8-bit WAV is unsigned
            case 2:
                return b.getShort();
            case 3: {
                int v = (b.get() & 0xff) | ((b.get() & 0xff) << 8) | (b.get() << 16);
                return v >> 8;
            }
            default:
                return b.getInt() >> 16;
        }
    }

    /** A 16-bit mono WAV of {@code pcm} at its own rate (8000 Hz for Asterisk's {@code .wav}). */
    public static byte[] write(Pcm pcm) {
        int dataBytes = pcm.samples().length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) WAVE_FORMAT_PCM).putShort((short) 1)
                .putInt(pcm.sampleRate()).putInt(pcm.sampleRate() * 2).putShort((short) 2).putShort((short) 16);
        b.put(ascii("data")).putInt(dataBytes);
        for (short s : pcm.samples()) {
            b.putShort(s);
        }
        return b.array();
    }

    private record Parsed(Header header, int dataOffset) {
    }

    private static Parsed parse(byte[] wav) {
        if (wav == null || wav.length < 12) {
            throw new IllegalArgumentException("not a WAV file: " + (wav == null ? 0 : wav.length) + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (!tag(wav, 0, "RIFF") || !tag(wav, 8, "WAVE")) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        int pos = 12;
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (pos + 8 <= wav.length) {
            long size = b.getInt(pos + 4) & 0xffffffffL;
            int body = pos + 8;
            if (tag(wav, pos, "fmt ")) {
                if (size < 16 || body + 16 > wav.length) {
                    throw new IllegalArgumentException("WAV 'fmt ' chunk is too short");
                }
                format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2) & 0xffff;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xffff;
                if (format == WAVE_FORMAT_EXTENSIBLE && size >= 40 && body + 26 <= wav.length) {
                    format = b.getShort(body + 24) & 0xffff; // first two bytes of the sub-format GUID
                }
            } else if (tag(wav, pos, "data")) {
                if (format < 0) {
                    throw new IllegalArgumentException("WAV 'data' chunk before 'fmt '");
                }
                if (format != WAVE_FORMAT_PCM) {
                    throw new IllegalArgumentException("WAV format " + format + " is not linear PCM (convert the file to PCM WAV)");
                }
                if (channels < 1 || channels > 2) {
                    throw new IllegalArgumentException("WAV with " + channels + " channels (1 or 2 are accepted)");
                }
                if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
                    throw new IllegalArgumentException("WAV with " + bits + " bits per sample (8, 16, 24 or 32 are accepted)");
                }
                if (rate < 1000 || rate > 384_000) {
                    throw new IllegalArgumentException("WAV sample rate " + rate + " Hz is out of range");
                }
                long available = wav.length - body;
                long data = Math.min(size, available); // streamed headers claim more than there is
                return new Parsed(new Header(format, channels, rate, bits, data), body);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        throw new IllegalArgumentException("WAV file without a 'data' chunk");
    }

    private static boolean tag(byte[] wav, int at, String tag) {
        if (at + 4 > wav.length) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (wav[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
