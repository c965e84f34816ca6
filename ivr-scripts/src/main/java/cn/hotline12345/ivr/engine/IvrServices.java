package cn.hotline12345.ivr.engine;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The server functions flows call, implemented by the server. Names are validated against the set
 * the host registers ({@link cn.hotline12345.ivr.FlowRegistry#start}); the 12345 flows use
 * {@link cn.hotline12345.ivr.HotlineNames#SERVICES}.
 *
 * <p>Arguments are sanitised text; results are untrusted and sanitised by the interpreter (keys
 * outside {@code [A-Za-z0-9_]{1,40}} and entries past the 64th are dropped, values cleaned and capped).
 * A stage that fails sends the flow to the node's {@code on_error} branch. Implementations must
 * not block the calling thread and must time out themselves.
 */
public interface IvrServices {

    /** A read, e.g. {@code caller_profile}, {@code matter_status}, {@code knowledge}. */
    CompletionStage<Map<String, String>> lookup(String name, Map<String, String> args);

    /**
     * A write, e.g. {@code record_survey}, {@code record_revisit}. Defaults to {@link #lookup} so a
     * server may implement one dispatch for both.
     */
    default CompletionStage<Map<String, String>> perform(String name, Map<String, String> args) {
        return lookup(name, args);
    }

    /** Whether {@code d} is a working day (make-up working days count, public holidays do not). */
    boolean isWorkingDay(LocalDate d);

    /** Whether {@code d} is a public holiday. */
    boolean isHoliday(LocalDate d);

    /** The hotline's time zone (Asia/Shanghai). */
    ZoneId zone();

    /** The clock for time-of-day conditions and the session duration guard. */
    Clock clock();
}
