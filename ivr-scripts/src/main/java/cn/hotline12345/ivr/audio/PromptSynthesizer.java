package cn.hotline12345.ivr.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Makes a Mandarin text playable by Asterisk: prepares it ({@link SpeechText}), synthesizes it offline
 * ({@link SpeechEngine}, espeak-ng by default), converts it to 8 kHz, evens out the level and writes
 * {@code <name>.wav/.ulaw/.alaw} into an Asterisk language folder ({@link SoundFormats}). Used by the build for
 * the prompt catalogue ({@link PromptAudioTool}) and meant for the server, for texts that change at run time
 * (knowledge-base answers, handling units' names):
 *
 * <pre>
 * PromptSynthesizer synth = PromptSynthesizer.espeakNg();
 * // on a worker thread, when a knowledge entry is created or its text changes:
 * synth.install(Path.of("/var/lib/asterisk/sounds/zh"), "knowledge/kb-42", entry.title() + "。" + entry.body());
 * // the IVR then plays STREAM FILE knowledge/kb-42
 * </pre>
 *
 * <p>Caching: next to each sound a note {@code <name>.source-sha256} holds the hash of everything that decides the
 * audio (this pipeline's version, the engine's {@link SpeechEngine#fingerprint() fingerprint}, the prepared text);
 * {@link #install} with the same inputs finds the note and the files and does nothing. A studio recording
 * ({@link #installRecording}) is keyed by its bytes the same way.
 *
 * <p>Blocking (file I/O and a process per text): never call it on an event loop. Different names may be installed
 * concurrently; the same name must not be installed by two threads at once.
 */
public final class PromptSynthesizer {

    /** Asterisk's rate for {@code .wav}, {@code .ulaw} and {@code .alaw}. */
    public static final int RATE = 8000;
    /** Extension of the cache note kept beside each sound. */
    public static final String CACHE_NOTE = "source-sha256";
    /** Generated prompts peak at -3 dBFS, so one prompt is not louder than the next. */
    static final int PEAK = 23197;
    /** Change when the conversion changes: every cached sound is then made again. */
    static final String PIPELINE = "hotline-audio/2 8000Hz kaiser-sinc16 peak-3dBFS pause150 wav+ulaw+alaw";
    static final String SENTENCE_END = "。！？；：.!?;:";
    static final int SENTENCE_PAUSE_MS = 150;

    private final SpeechEngine engine;
    private final SpeechText speech;

    public PromptSynthesizer(SpeechEngine engine, SpeechText speech) {
        this.engine = engine;
        this.speech = speech;
    }

    /** espeak-ng on PATH with {@link EspeakNg.Options#defaults()} and the shipped pronunciation list. */
    public static PromptSynthesizer espeakNg() {
        return new PromptSynthesizer(new EspeakNg(EspeakNg.Options.defaults()), SpeechText.standard());
    }

    public SpeechEngine engine() {
        return engine;
    }

    /** How a sound got its audio. */
    public enum Status {
        /** synthesized now */
        GENERATED,
        /** converted now from a studio recording */
        RECORDED,
        /** already there from the same inputs (cache hit) */
        UNCHANGED
    }

    /** What {@link #install} or {@link #installRecording} did. */
    public record Outcome(String soundName, Status status, long durationMs) {
    }

    /**
     * Throws {@link SpeechException.Kind#NOT_INSTALLED} (with what to install) when the engine is missing; for a
     * start-up check.
     */
    public String checkEngine() throws SpeechException {
        return engine.fingerprint();
    }

    /** The speech for {@code text} as 8 kHz mono PCM (for serving it some other way than files). */
    public Pcm render(String text) throws SpeechException {
        return renderPrepared(speech.prepare(text));
    }

    private Pcm renderPrepared(String prepared) throws SpeechException {
        Pcm raw = engine.synthesize(prepared);
        Pcm pcm = Resampler.resample(raw, RATE).normalisedTo(PEAK);
        // a sentence gets a pause after it, so two prompts played one after the other do not run together;
        // a digit or a word (SAY DIGITS, SAY NUMBER) does not, so a matter number is read briskly
        return SENTENCE_END.indexOf(prepared.charAt(prepared.length() - 1)) >= 0 ? pcm.withSilenceAfter(SENTENCE_PAUSE_MS) : pcm;
    }

    /**
     * Makes {@code languageDir/soundName.{wav,ulaw,alaw}} speak {@code text}, unless they already do (same text,
     * same engine).
     *
     * @param languageDir e.g. {@code /var/lib/asterisk/sounds/zh}
     * @param soundName   what STREAM FILE will be given, e.g. {@code knowledge/kb-42}
     * @throws SpeechException          the engine is missing or failed (its stderr in the message), or the text
     *                                  is empty or too long; nothing is changed on disk then
     * @throws IOException              the files cannot be written
     * @throws IllegalArgumentException a sound name STREAM FILE would not accept
     */
    public Outcome install(Path languageDir, String soundName, String text) throws SpeechException, IOException {
        SoundFormats.base(languageDir, soundName);
        String prepared = speech.prepare(text);
        String key = sha256(PIPELINE + "\n" + engine.fingerprint() + "\n" + prepared);
        if (unchanged(languageDir, soundName, key)) {
            return new Outcome(soundName, Status.UNCHANGED, durationMs(languageDir, soundName));
        }
        Pcm pcm = renderPrepared(prepared);
        SoundFormats.write(languageDir, soundName, pcm);
        writeNote(languageDir, soundName, key);
        return new Outcome(soundName, Status.GENERATED, pcm.durationMs());
    }

    /**
     * Makes {@code languageDir/soundName.{wav,ulaw,alaw}} from a studio recording: a PCM WAV of any rate, 8 to
     * 32 bits, mono or stereo (mixed down), converted to 8 kHz; its level is left as the studio made it.
     *
     * @throws IOException              unreadable, or not a PCM WAV (the message says what it is)
     * @throws IllegalArgumentException a sound name STREAM FILE would not accept
     */
    public static Outcome installRecording(Path languageDir, String soundName, Path recording) throws IOException {
        SoundFormats.base(languageDir, soundName);
        byte[] bytes = Files.readAllBytes(recording);
        String key = sha256(PIPELINE + "\nrecorded\n" + HexFormat.of().formatHex(digest(bytes)));
        if (unchanged(languageDir, soundName, key)) {
            return new Outcome(soundName, Status.UNCHANGED, durationMs(languageDir, soundName));
        }
        Pcm pcm;
        try {
            pcm = Resampler.resample(WavFile.read(bytes), RATE);
        } catch (IllegalArgumentException e) {
            throw new IOException(recording + ": " + e.getMessage(), e);
        }
        if (pcm.samples().length == 0) {
            throw new IOException(recording + ": the recording holds no audio");
        }
        SoundFormats.write(languageDir, soundName, pcm);
        writeNote(languageDir, soundName, key);
        return new Outcome(soundName, Status.RECORDED, pcm.durationMs());
    }

    /** Removes the sound's files (e.g. when a knowledge entry is deleted). */
    public static void remove(Path languageDir, String soundName) throws IOException {
        SoundFormats.delete(languageDir, soundName);
    }

    private static boolean unchanged(Path dir, String name, String key) throws IOException {
        Path base = SoundFormats.base(dir, name);
        Path note = note(base);
        if (!Files.isRegularFile(note) || !Files.readString(note, StandardCharsets.UTF_8).strip().equals(key)) {
            return false;
        }
        for (String ext : SoundFormats.WRITTEN) {
            if (!Files.isRegularFile(base.resolveSibling(base.getFileName() + "." + ext))) {
                return false;
            }
        }
        return true;
    }

    private static long durationMs(Path dir, String name) throws IOException {
        Path base = SoundFormats.base(dir, name);
        long bytes = Files.size(base.resolveSibling(base.getFileName() + ".ulaw")); // one byte per sample
        return bytes * 1000 / RATE;
    }

    private static void writeNote(Path dir, String name, String key) throws IOException {
        Path base = SoundFormats.base(dir, name);
        SoundFormats.writeAtomically(base, CACHE_NOTE, (key + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static Path note(Path base) {
        return base.resolveSibling(base.getFileName() + "." + CACHE_NOTE);
    }

    static String sha256(String s) {
        return HexFormat.of().formatHex(digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
