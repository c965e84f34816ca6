package cn.hotline12345.ivr.engine;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The caller's channel as the interpreter sees it; the server implements it over FastAGI.
 *
 * <p>Every operation is asynchronous and must eventually complete (the implementation applies its
 * own per-command timeout). When the caller has hung up ({@code 511}, {@code result=-1} or a
 * {@code HANGUP} line), the stage completes exceptionally with {@link CallerHangupException};
 * any other failure (a broken connection, {@code 510}/{@code 520}) completes it exceptionally with
 * another exception and ends the session as a channel error.
 *
 * <p>The interpreter only passes sanitised arguments: sound file names from the catalogue or
 * checked by {@link cn.hotline12345.ivr.AgiText#soundFile}, escape digits from {@code 0-9*#},
 * variable values without control characters and at most 256 (the IVR path: 512) characters,
 * digits made only of 0-9. The implementation must still quote values with
 * {@link cn.hotline12345.ivr.AgiText#quote}.
 */
public interface IvrChannel {

    /**
     * Plays the files in order (STREAM FILE each), stopping at the first of {@code escapeDigits}
     * pressed ({@code ""} = not interruptible).
     */
    CompletionStage<PlayResult> play(List<String> soundFiles, String escapeDigits);

    /** GET DATA: plays {@code soundFile} and collects up to {@code maxDigits} digits ({@code #} ends). */
    CompletionStage<DigitsResult> collect(String soundFile, int timeoutMs, int maxDigits);

    /** SAY DIGITS (no escape digits); {@code digits} contains only 0-9. */
    CompletionStage<Void> sayDigits(String digits);

    /** SAY NUMBER (no escape digits). */
    CompletionStage<Void> sayNumber(long number);

    /** SET VARIABLE on the channel. */
    CompletionStage<Void> setVariable(String name, String value);

    /** GET VARIABLE; completes with {@code null} when the variable is not set. */
    CompletionStage<String> getVariable(String name);

    /**
     * HANGUP the channel. The interpreter does not call it today: flows end with {@code HOTLINE_NEXT=hangup}
     * and the dialplan hangs up; it is here for hosts that must cut a channel off.
     */
    CompletionStage<Void> hangup();
}
