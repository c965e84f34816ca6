package cn.hotline12345.cti.monitor.api;

import java.util.Locale;
import java.util.Optional;

/**
 * How a supervisor joins an agent's live call (班长监听 = monitoring), each a set of ChanSpy options of Asterisk 22's
 * apps/app_chanspy.c:
 * <ul>
 *   <li>{@link #LISTEN} 监听: {@code q} only ("Don't play a beep when beginning to spy on a channel, or speak the
 *       selected channel name"): the supervisor hears both parties, nobody hears the supervisor;</li>
 *   <li>{@link #WHISPER} 耳语 (coaching): {@code w} "Enable whisper mode, so the spying channel can talk to the
 *       spied-on channel": the agent hears the supervisor, the caller does not;</li>
 *   <li>{@link #BARGE} 强插: {@code B} "Instead of whispering on a single channel barge in on both channels involved
 *       in the call": both parties hear the supervisor.</li>
 * </ul>
 * Every mode adds {@code E} ("Exit when the spied-on channel hangs up") and {@code S} ("Stop when no more channels are
 * left to spy on"): without them ChanSpy goes round its loop and would spy on the agent's NEXT call, which the
 * supervisor did not ask for and which may be a whistle-blower's confidential report.
 */
public enum MonitorMode {
    LISTEN("监听", "q"),
    WHISPER("耳语", "qw"),
    BARGE("强插", "qB");

    private final String label;
    private final String options;

    MonitorMode(String label, String options) {
        this.label = label;
        this.options = options;
    }

    /** The Chinese name the supervisor reads. */
    public String label() {
        return label;
    }

    /** The ChanSpy options of this mode, {@code E} and {@code S} included. */
    public String chanSpyOptions() {
        return options + "ES";
    }

    /** The JSON spelling ({@code listen}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MonitorMode> fromWire(String s) {
        for (MonitorMode m : values()) {
            if (m.wire().equals(s)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
