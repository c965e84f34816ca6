package cn.hotline12345.ivr.audio;

/**
 * An offline text-to-speech engine for Mandarin. Implementations run a local program or library; they never
 * reach the network. Calls block (they start a process): run them on a worker thread, never on an event loop.
 */
public interface SpeechEngine {

    /**
     * What decides the sound of the output: engine, version, voice and settings, e.g.
     * {@code espeak-ng 1.51 voice=cmn-latn-pinyin speed=165 pitch=50}. Part of every cache key, so upgrading the
     * engine or changing the voice regenerates every prompt.
     *
     * @throws SpeechException {@link SpeechException.Kind#NOT_INSTALLED} when the engine is missing
     */
    String fingerprint() throws SpeechException;

    /**
     * Speaks {@code text} (already prepared by {@link SpeechText#prepare}) at the engine's own sample rate.
     *
     * @throws SpeechException with the engine's own error output when it fails
     */
    Pcm synthesize(String text) throws SpeechException;
}
