package cn.hotline12345.ivr.flow;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The {@code when} of a condition's branch: a guard (equals, in, present, has_flag, time_between, working_day,
 * holiday) or {@code all}/{@code any} of guards, nested at most five deep. Errors go to the node's {@link Fields},
 * so that they name the file and the node.
 */
final class GuardParser {

    private GuardParser() {
    }

    static Guard guard(Fields f, Object raw, int depth) {
        if (depth > 5) {
            f.error("conditions are nested too deeply");
            return null;
        }
        if (!(raw instanceof Map<?, ?> m)) {
            f.error("'when' must be a mapping, found " + Fields.describe(raw));
            return null;
        }
        Fields g = new Fields(f.file(), f.node(), m, f.errors());
        Guard out = null;
        if (g.has("all") || g.has("any")) {
            boolean all = g.has("all");
            Object list = g.any(all ? "all" : "any");
            List<Guard> parts = new ArrayList<>();
            if (!(list instanceof List<?> l) || l.isEmpty()) {
                g.error("'" + (all ? "all" : "any") + "' must be a non-empty list of conditions");
            } else {
                for (Object o : l) {
                    Guard part = guard(f, o, depth + 1);
                    if (part != null) {
                        parts.add(part);
                    }
                }
                out = all ? new Guard.All(parts) : new Guard.Any(parts);
            }
        } else if (g.has("time_between")) {
            String range = g.text("time_between", true);
            out = timeBetween(g, range);
        } else if (g.has("working_day")) {
            out = new Guard.WorkingDay(g.bool("working_day", true));
        } else if (g.has("holiday")) {
            out = new Guard.Holiday(g.bool("holiday", true));
        } else {
            String var = FlowParser.variable(g, "var", true);
            if (g.has("equals")) {
                out = new Guard.Equals(var, g.text("equals", true));
            } else if (g.has("not_equals")) {
                out = new Guard.NotEquals(var, g.text("not_equals", true));
            } else if (g.has("in")) {
                out = new Guard.In(var, new LinkedHashSet<>(g.textList("in", true)));
            } else if (g.has("present")) {
                out = new Guard.Present(var, g.bool("present", true));
            } else if (g.has("has_flag")) {
                out = new Guard.HasFlag(var, g.text("has_flag", true));
            } else {
                g.error("a condition needs one of equals, not_equals, in, present, has_flag (with var), "
                        + "time_between, working_day, holiday, all, any");
            }
            if (var == null) {
                out = null;
            }
        }
        g.rejectUnknown();
        return out;
    }

    private static Guard timeBetween(Fields g, String range) {
        if (range == null) {
            return null;
        }
        String[] parts = range.split("-", -1);
        if (parts.length != 2) {
            g.error("time_between must look like \"08:00-18:00\", not '" + range + "'");
            return null;
        }
        try {
            return new Guard.TimeBetween(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
        } catch (DateTimeParseException e) {
            g.error("time_between must look like \"08:00-18:00\", not '" + range + "'");
            return null;
        }
    }
}
