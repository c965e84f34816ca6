package cn.hotline12345.ivr.flow;

import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * A test used by a {@link Node.Condition} branch: on flow variables, the time of day, the
 * working-day/holiday calendar, or caller flags (a comma list in a variable).
 */
public sealed interface Guard {

    /** {@code var: x, equals: v} */
    record Equals(String variable, String value) implements Guard {
    }

    /** {@code var: x, not_equals: v} */
    record NotEquals(String variable, String value) implements Guard {
    }

    /** {@code var: x, in: [a, b]} */
    record In(String variable, Set<String> values) implements Guard {
        public In {
            values = Set.copyOf(values);
        }
    }

    /** {@code var: x, present: true|false} (present = set and non-empty) */
    record Present(String variable, boolean present) implements Guard {
    }

    /** {@code var: x, has_flag: f} - the comma list in x contains f */
    record HasFlag(String variable, String flag) implements Guard {
    }

    /** {@code time_between: "08:00-18:00"} in the services' zone; wraps past midnight when from > to */
    record TimeBetween(LocalTime from, LocalTime to) implements Guard {
    }

    /** {@code working_day: true|false} per the services' calendar */
    record WorkingDay(boolean expected) implements Guard {
    }

    /** {@code holiday: true|false} per the services' calendar */
    record Holiday(boolean expected) implements Guard {
    }

    /** {@code all: [guard, ...]} - every guard holds */
    record All(List<Guard> guards) implements Guard {
        public All {
            guards = List.copyOf(guards);
        }
    }

    /** {@code any: [guard, ...]} - at least one guard holds */
    record Any(List<Guard> guards) implements Guard {
        public Any {
            guards = List.copyOf(guards);
        }
    }
}
