package cn.hotline12345.ivr.engine;

/**
 * What GET DATA returned: the digits entered (possibly empty) and whether it ended by timeout
 * ({@code 200 result=123 (timeout)}) rather than by {@code #} or by reaching the maximum.
 */
public record DigitsResult(String digits, boolean timedOut) {
    public DigitsResult {
        digits = digits == null ? "" : digits;
    }

    public static DigitsResult entered(String digits) {
        return new DigitsResult(digits, false);
    }

    public static DigitsResult timeout() {
        return new DigitsResult("", true);
    }
}
