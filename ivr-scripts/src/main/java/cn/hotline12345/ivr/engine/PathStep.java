package cn.hotline12345.ivr.engine;

/**
 * One node a session went through.
 *
 * @param flow   the flow id
 * @param node   the node id
 * @param kind   the node kind ({@code play}, {@code menu}, ...)
 * @param choice the digit chosen at a menu or barge-in ({@code "1"}), {@code "#"} for an empty
 *               entry, {@code "timeout"}/{@code "invalid"} when retries ran out, or {@code ""}
 */
public record PathStep(String flow, String node, String kind, String choice) {
    /** {@code node} or {@code node:choice}, the unit of {@code HOTLINE_IVR_PATH}. */
    public String label() {
        return choice.isEmpty() ? node : node + ":" + choice;
    }
}
