package cn.hotline12345.ivr;

import cn.hotline12345.ivr.engine.IvrServices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Server functions answered from maps; records every call; a clock the test can move. */
public final class FakeServices implements IvrServices {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Map<String, Function<Map<String, String>, Map<String, String>>> functions = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final Set<LocalDate> holidays = new java.util.HashSet<>();
    private volatile Instant now = Instant.parse("2025-03-03T02:00:00Z"); // Monday 10:00 in Shanghai

    public FakeServices answer(String name, Map<String, String> result) {
        functions.put(name, args -> result);
        return this;
    }

    public FakeServices answer(String name, Function<Map<String, String>, Map<String, String>> f) {
        functions.put(name, f);
        return this;
    }

    public FakeServices holiday(LocalDate d) {
        holidays.add(d);
        return this;
    }

    public FakeServices at(Instant instant) {
        this.now = instant;
        return this;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** {@code name args} for each call, in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized CompletionStage<Map<String, String>> lookup(String name, Map<String, String> args) {
        calls.add(name + " " + new java.util.TreeMap<>(args));
        Function<Map<String, String>, Map<String, String>> f = functions.get(name);
        if (f == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no answer for " + name));
        }
        return CompletableFuture.completedFuture(f.apply(args));
    }

    @Override
    public boolean isWorkingDay(LocalDate d) {
        return !holidays.contains(d) && d.getDayOfWeek().getValue() <= 5;
    }

    @Override
    public boolean isHoliday(LocalDate d) {
        return holidays.contains(d);
    }

    @Override
    public ZoneId zone() {
        return ZONE;
    }

    @Override
    public Clock clock() {
        return new Clock() {
            @Override public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override public Instant instant() {
                return now;
            }
        };
    }
}
