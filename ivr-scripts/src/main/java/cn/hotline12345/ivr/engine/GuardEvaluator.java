package cn.hotline12345.ivr.engine;

import cn.hotline12345.ivr.flow.Guard;
import cn.hotline12345.ivr.flow.Node;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Map;

/** Evaluates {@link Guard}s against a session's variables and the services' clock and calendar. */
final class GuardEvaluator {

    private final Map<String, String> vars;
    private final IvrServices services;

    GuardEvaluator(Map<String, String> vars, IvrServices services) {
        this.vars = vars;
        this.services = services;
    }

    /** The target of the first branch that holds, else {@code otherwise}. */
    String choose(Node.Condition c) {
        for (Node.Branch b : c.branches()) {
            if (holds(b.when())) {
                return b.next();
            }
        }
        return c.otherwise();
    }

    boolean holds(Guard g) {
        try {
            return eval(g);
        } catch (RuntimeException e) {
            return false; // a failing calendar must not break the call: the branch just does not apply
        }
    }

    private String var(String name) {
        return vars.getOrDefault(name, "");
    }

    private boolean eval(Guard g) {
        if (g instanceof Guard.Equals e) {
            return var(e.variable()).equals(e.value());
        } else if (g instanceof Guard.NotEquals e) {
            return !var(e.variable()).equals(e.value());
        } else if (g instanceof Guard.In in) {
            return in.values().contains(var(in.variable()));
        } else if (g instanceof Guard.Present p) {
            return !var(p.variable()).isBlank() == p.present();
        } else if (g instanceof Guard.HasFlag f) {
            return Arrays.stream(var(f.variable()).split(",")).map(String::trim).anyMatch(f.flag()::equals);
        } else if (g instanceof Guard.TimeBetween t) {
            LocalTime now = LocalDateTime.ofInstant(services.clock().instant(), services.zone()).toLocalTime();
            if (!t.from().isAfter(t.to())) {
                return !now.isBefore(t.from()) && now.isBefore(t.to());
            }
            return !now.isBefore(t.from()) || now.isBefore(t.to()); // wraps past midnight
        } else if (g instanceof Guard.WorkingDay w) {
            return services.isWorkingDay(today()) == w.expected();
        } else if (g instanceof Guard.Holiday h) {
            return services.isHoliday(today()) == h.expected();
        } else if (g instanceof Guard.All a) {
            return a.guards().stream().allMatch(this::holds);
        } else if (g instanceof Guard.Any a) {
            return a.guards().stream().anyMatch(this::holds);
        }
        return false;
    }

    private java.time.LocalDate today() {
        return LocalDateTime.ofInstant(services.clock().instant(), services.zone()).toLocalDate();
    }
}
