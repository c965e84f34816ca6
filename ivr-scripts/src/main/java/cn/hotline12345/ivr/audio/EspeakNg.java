package cn.hotline12345.ivr.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * espeak-ng (Debian package {@code espeak-ng}) as the hotline's offline Mandarin synthesizer: one process per text,
 * text on stdin as UTF-8 ({@code -b 1 --stdin}, so a text starting with '-' is never taken for an option), a WAV at
 * 22050 Hz on stdout ({@code --stdout}), without espeak-ng's final sentence pause ({@code -z}: 300 ms, which
 * would make every digit of SAY DIGITS 0.6 s long; {@link PromptSynthesizer} adds a shorter pause after sentences).
 *
 * <p>The voice is {@code cmn-latn-pinyin}, not {@code cmn}: espeak-ng turns Han characters into pinyin first and
 * then reads the pinyin by the voice's rules for Latin text, and {@code cmn} ("latin as English") reads much of it
 * as English words: {@code espeak-ng -v cmn -x 便民} gives {@code (en)baI11@11nfo@11 mI11ntu:11} — "bian four
 * min two" — where {@code cmn-latn-pinyin} gives {@code p'iE51n_| m'i35n_|}.
 *
 * <p>Errors are never hidden: a missing program is {@link SpeechException.Kind#NOT_INSTALLED} with the package
 * to install; a non-zero exit, no audio or a malformed WAV is {@link SpeechException.Kind#FAILED} with the
 * program's stderr; a run longer than the timeout is killed and reported as
 * {@link SpeechException.Kind#TIMEOUT}.
 */
public final class EspeakNg implements SpeechEngine {

    /** The Mandarin voice that reads the dictionary's pinyin as pinyin. */
    public static final String VOICE = "cmn-latn-pinyin";

    private static final Pattern VERSION = Pattern.compile("text-to-speech:\\s*(\\S+)");
    private static final int MAX_STDERR = 8192;

    /**
     * @param command        the program: {@code espeak-ng} (looked up on PATH) or a path
     * @param voice          the voice name ({@link #VOICE})
     * @param wordsPerMinute espeak-ng's {@code -s} (each Han character counts as a word)
     * @param pitch          espeak-ng's {@code -p}, 0..99
     * @param timeout        longest run of one text
     */
    public record Options(String command, String voice, int wordsPerMinute, int pitch, Duration timeout) {

        public Options {
            if (command == null || command.isBlank()) {
                throw new IllegalArgumentException("espeak-ng command must not be empty");
            }
            if (voice == null || !voice.matches("[A-Za-z0-9_+/-]{1,64}")) {
                throw new IllegalArgumentException("bad espeak-ng voice name " + voice);
            }
            if (wordsPerMinute < 80 || wordsPerMinute > 450) {
                throw new IllegalArgumentException("espeak-ng speed " + wordsPerMinute + " is outside 80..450");
            }
            if (pitch < 0 || pitch > 99) {
                throw new IllegalArgumentException("espeak-ng pitch " + pitch + " is outside 0..99");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("espeak-ng timeout must be positive");
            }
        }

        /** {@code espeak-ng} on PATH, {@link #VOICE}, 175 words a minute (espeak-ng's default), pitch 50, 60 s. */
        public static Options defaults() {
            return new Options("espeak-ng", VOICE, 175, 50, Duration.ofSeconds(60));
        }

        public Options withCommand(String c) {
            return new Options(c, voice, wordsPerMinute, pitch, timeout);
        }

        public Options withTimeout(Duration t) {
            return new Options(command, voice, wordsPerMinute, pitch, t);
        }
    }

    private final Options options;
    private volatile String version;

    public EspeakNg(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** The program's version ({@code 1.51}), from {@code espeak-ng --version}; asked once. */
    public String version() throws SpeechException {
        String v = version;
        if (v == null) {
            Run r = run(List.of(options.command(), "--version"), new byte[0]);
            if (r.exit() != 0) {
                throw failed("--version", r);
            }
            String out = new String(r.stdout(), StandardCharsets.UTF_8);
            Matcher m = VERSION.matcher(out);
            if (!m.find()) {
                throw new SpeechException(SpeechException.Kind.FAILED,
                        options.command() + " --version printed no version: " + abbreviate(out));
            }
            v = m.group(1);
            version = v;
        }
        return v;
    }

    @Override
    public String fingerprint() throws SpeechException {
        return "espeak-ng " + version() + " voice=" + options.voice() + " speed=" + options.wordsPerMinute()
                + " pitch=" + options.pitch() + " no-final-pause";
    }

    @Override
    public Pcm synthesize(String text) throws SpeechException {
        List<String> cmd = List.of(options.command(), "-v", options.voice(), "-s", Integer.toString(options.wordsPerMinute()),
                "-p", Integer.toString(options.pitch()), "-z", "-b", "1", "--stdout", "--stdin");
        Run r = run(cmd, text.getBytes(StandardCharsets.UTF_8));
        if (r.exit() != 0) {
            throw failed("synthesis", r);
        }
        if (r.stdout().length == 0) {
            throw new SpeechException(SpeechException.Kind.FAILED, options.command() + " produced no audio for '"
                    + abbreviate(text) + "'" + stderrSuffix(r));
        }
        Pcm pcm;
        try {
            pcm = WavFile.read(r.stdout());
        } catch (IllegalArgumentException e) {
            throw new SpeechException(SpeechException.Kind.FAILED, options.command() + " wrote a malformed WAV ("
                    + e.getMessage() + ")" + stderrSuffix(r), e);
        }
        if (pcm.samples().length == 0) {
            throw new SpeechException(SpeechException.Kind.FAILED, options.command() + " produced an empty WAV for '"
                    + abbreviate(text) + "'" + stderrSuffix(r));
        }
        return pcm;
    }

    private record Run(int exit, byte[] stdout, String stderr) {
    }

    private Run run(List<String> cmd, byte[] stdin) throws SpeechException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(cmd)).start();
        } catch (IOException e) {
            throw new SpeechException(SpeechException.Kind.NOT_INSTALLED, "cannot run " + options.command() + " ("
                    + e.getMessage() + "): install the speech synthesizer, on Debian/Ubuntu 'apt-get install espeak-ng'", e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outReader = drain(p.getInputStream(), out, Integer.MAX_VALUE);
        Thread errReader = drain(p.getErrorStream(), err, MAX_STDERR);
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the program exited without reading its input: its exit code and stderr below tell why
        }
        try {
            if (!p.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SpeechException(SpeechException.Kind.TIMEOUT, options.command() + " took longer than "
                        + options.timeout().toSeconds() + " s and was stopped");
            }
            outReader.join(options.timeout().toMillis());
            errReader.join(options.timeout().toMillis());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SpeechException(SpeechException.Kind.FAILED, "interrupted while " + options.command() + " ran", e);
        }
        synchronized (out) {
            synchronized (err) {
                return new Run(p.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8).strip());
            }
        }
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream sink, int max) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (sink) {
                        if (sink.size() < max) {
                            sink.write(buf, 0, Math.min(n, max - sink.size()));
                        }
                    }
                }
            } catch (IOException e) {
                // the process went away; what was read so far is kept
            }
        }, "espeak-ng-io");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private SpeechException failed(String what, Run r) {
        return new SpeechException(SpeechException.Kind.FAILED, options.command() + " " + what + " failed with exit code "
                + r.exit() + stderrSuffix(r));
    }

    private static String stderrSuffix(Run r) {
        return r.stderr().isEmpty() ? " (no error output)" : ": " + r.stderr();
    }

    static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 40 ? t : t.substring(0, 40) + "…";
    }
}
