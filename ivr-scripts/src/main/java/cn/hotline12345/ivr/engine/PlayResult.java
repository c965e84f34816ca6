package cn.hotline12345.ivr.engine;

/** What a {@link IvrChannel#play} ended with: the escape digit pressed, or {@code ""} when none. */
public record PlayResult(String digit) {
    public PlayResult {
        digit = digit == null ? "" : digit;
    }

    public static PlayResult none() {
        return new PlayResult("");
    }

    public static PlayResult pressed(char digit) {
        return new PlayResult(String.valueOf(digit));
    }
}
