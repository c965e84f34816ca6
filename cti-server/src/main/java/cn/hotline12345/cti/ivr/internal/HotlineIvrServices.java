package cn.hotline12345.cti.ivr.internal;


import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.ivr.api.CallerProfile;
import cn.hotline12345.cti.ivr.api.IvrPorts;
import cn.hotline12345.cti.ivr.api.KnowledgeAnswer;
import cn.hotline12345.cti.ivr.api.MatterStatus;
import cn.hotline12345.cti.ivr.api.Rating;
import cn.hotline12345.cti.ivr.api.RevisitResponse;
import cn.hotline12345.cti.ivr.api.SurveyResponse;
import cn.hotline12345.ivr.AgiText;
import cn.hotline12345.ivr.HotlineNames;
import cn.hotline12345.ivr.engine.IvrServices;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The server functions of the 12345 flows ({@link HotlineNames#SERVICES}) over the {@link IvrPorts}: turns the
 * flows' text arguments into typed requests and the ports' records back into flow results.
 *
 * <p>Every call has a timeout (a Vert.x timer, never a blocked thread): a port that answers late or fails makes
 * the flow take its {@code on_error} branch, so a slow database never holds a caller.
 */
public final class HotlineIvrServices implements IvrServices {

    /** The hotline's time zone. */
    public static final ZoneId ZONE = HotlineTime.ZONE; // one definition: platform.config.HotlineTime

    private final Vertx vertx;
    private final IvrPorts ports;
    private final Clock clock;
    private final long timeoutMs;
    private final IvrMetrics metrics;

    /**
     * @param lookupTimeout how long a port may take before the flow gets {@code error=true} (e.g. 800 ms)
     */
    public HotlineIvrServices(Vertx vertx, IvrPorts ports, Clock clock, Duration lookupTimeout, MeterRegistry registry) {
        this.vertx = Objects.requireNonNull(vertx);
        this.ports = Objects.requireNonNull(ports);
        this.clock = Objects.requireNonNull(clock);
        this.timeoutMs = Math.max(1, lookupTimeout.toMillis());
        this.metrics = new IvrMetrics(registry);
    }

    @Override
    public CompletionStage<Map<String, String>> lookup(String name, Map<String, String> args) {
        String caller = arg(args, "caller");
        switch (name) {
            case HotlineNames.CALLER_PROFILE:
                return timed(name, () -> ports.callers().profile(caller)).thenApply(HotlineIvrServices::profileResult);
            case HotlineNames.MATTER_STATUS: {
                String matter = AgiText.digits(arg(args, "matter"));
                return timed(name, () -> ports.matters().status(matter, caller)).thenApply(HotlineIvrServices::statusResult);
            }
            case HotlineNames.KNOWLEDGE: {
                Long topic = AgiText.parseLong(arg(args, "topic"));
                if (topic == null || topic < 1 || topic > 99) {
                    return CompletableFuture.completedFuture(Map.of("found", "false"));
                }
                return timed(name, () -> ports.knowledge().answer(topic.intValue(), caller))
                        .thenApply(HotlineIvrServices::knowledgeResult);
            }
            case HotlineNames.RECORD_SURVEY: {
                Optional<Rating> rating = Rating.fromFlowValue(arg(args, "rating"));
                if (rating.isEmpty()) {
                    return CompletableFuture.failedFuture(new IllegalArgumentException("record_survey without a rating"));
                }
                SurveyResponse r = new SurveyResponse(arg(args, "uniqueid"), caller, arg(args, "agent"),
                        AgiText.digits(arg(args, "matter")), rating.get(), arg(args, PbxScopedServices.PBX_ARG));
                return timed(name, () -> ports.surveys().record(r)).thenApply(v -> Map.of());
            }
            case HotlineNames.RECORD_REVISIT: {
                String solved = arg(args, "solved");
                RevisitResponse r = new RevisitResponse(arg(args, "uniqueid"), caller,
                        AgiText.digits(arg(args, "matter")),
                        solved.equals("yes") ? Optional.of(true) : solved.equals("no") ? Optional.of(false) : Optional.empty(),
                        Rating.fromFlowValue(arg(args, "rating")),
                        "true".equals(arg(args, "dissatisfied")),
                        "true".equals(arg(args, "completed")));
                return timed(name, () -> ports.revisits().record(r)).thenApply(v -> Map.of());
            }
            default:
                return CompletableFuture.failedFuture(new IllegalArgumentException("unknown server function " + name));
        }
    }

    private static String arg(Map<String, String> args, String key) {
        return args == null ? "" : AgiText.clean(args.get(key));
    }

    private static Map<String, String> profileResult(CallerProfile p) {
        CallerProfile profile = p == null ? CallerProfile.NOTHING_KNOWN : p;
        Map<String, String> out = new LinkedHashMap<>();
        out.put("measure", profile.measure().flowValue());
        out.put("open_matter", AgiText.digits(profile.openMatter()));
        out.put("repeat", Boolean.toString(profile.repeat()));
        return out;
    }

    private static Map<String, String> statusResult(MatterStatus s) {
        MatterStatus status = s == null ? MatterStatus.NOT_FOUND : s;
        Map<String, String> out = new LinkedHashMap<>();
        out.put("result", status.result().flowValue());
        if (status.result() == MatterStatus.Result.FOUND) {
            out.put("matter", AgiText.digits(status.matter()));
            out.put("state", status.state());
            out.put("unit_sound", status.unitSound());
            LocalDate d = status.deadline();
            if (d != null) {
                out.put("deadline_month", Integer.toString(d.getMonthValue()));
                out.put("deadline_day", Integer.toString(d.getDayOfMonth()));
            }
        }
        return out;
    }

    private static Map<String, String> knowledgeResult(KnowledgeAnswer a) {
        KnowledgeAnswer answer = a == null ? KnowledgeAnswer.NOT_FOUND : a;
        Map<String, String> out = new LinkedHashMap<>();
        out.put("found", Boolean.toString(answer.found()));
        out.put("sound", answer.soundFile());
        return out;
    }

    /** Calls a port with the timeout; counts ok / error / timeout per function. */
    private <T> CompletionStage<T> timed(String name, Supplier<CompletionStage<T>> call) {
        CompletableFuture<T> out = new CompletableFuture<>();
        long timer = vertx.setTimer(timeoutMs, id -> {
            if (out.completeExceptionally(new TimeoutException(name + " took longer than " + timeoutMs + " ms"))) {
                metrics.call(name, "timeout");
            }
        });
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        if (stage == null) {
            stage = CompletableFuture.failedFuture(new IllegalStateException(name + " returned no stage"));
        }
        stage.whenComplete((v, err) -> {
            vertx.cancelTimer(timer);
            boolean mine = err == null ? out.complete(v) : out.completeExceptionally(err);
            if (mine) {
                metrics.call(name, err == null ? "ok" : "error");
            }
        });
        return out;
    }

    @Override
    public boolean isWorkingDay(LocalDate d) {
        return ports.calendar().isWorkingDay(d);
    }

    @Override
    public boolean isHoliday(LocalDate d) {
        return ports.calendar().isHoliday(d);
    }

    @Override
    public ZoneId zone() {
        return ZONE;
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
