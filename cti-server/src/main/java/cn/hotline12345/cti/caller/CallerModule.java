package cn.hotline12345.cti.caller;


import cn.hotline12345.cti.platform.lifecycle.Lifecycle;
import cn.hotline12345.cti.caller.api.CallEnd;
import cn.hotline12345.cti.caller.internal.CallerProfileService;
import cn.hotline12345.cti.caller.internal.CallerRepository;
import cn.hotline12345.cti.caller.internal.MatterLinkRepository;
import cn.hotline12345.cti.caller.internal.MatterLinkService;
import cn.hotline12345.cti.caller.internal.MeasureRepository;
import cn.hotline12345.cti.caller.internal.NuisanceService;
import cn.hotline12345.cti.caller.internal.RetentionPurgeJob;
import cn.hotline12345.cti.caller.internal.RetentionRepository;
import cn.hotline12345.cti.caller.api.CallerSettings;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.privacy.api.AuditLogService;
import cn.hotline12345.cti.privacy.api.AuditRepository;
import cn.hotline12345.cti.privacy.api.Unmasker;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.caller.web.CallerRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The caller-profile feature (issue 6) wired in one place: profile lookups for the IVR and the screen pop,
 * repeat calls and matter linking, nuisance measures, privacy (unmask, audit) and the retention purge.
 *
 * <p>Wiring: {@code var callers = new CallerModule(vertx, db, CallerSettings.defaults(), Clock.systemUTC());}
 * then add {@link #routes()} to the HTTP verticle, subscribe {@link #callListener()} to the call update hub
 * (or call {@link CallerProfileService#callStarted} / {@link NuisanceService#callEnded} directly), call
 * {@link #start()} to schedule the purge and {@link #close()} on shutdown.
 */
public final class CallerModule implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CallerModule.class);

    private final CallerProfileService profiles;
    private final NuisanceService nuisance;
    private final MatterLinkService links;
    private final Unmasker unmasker;
    private final AuditLogService auditLog;
    private final RetentionPurgeJob purge;
    private final CallerSettings settings;

    public CallerModule(Vertx vertx, Db db, CallerSettings settings, Clock clock) {
        this.settings = settings;
        AuditRepository audit = new AuditRepository();
        CallerRepository callers = new CallerRepository();
        this.profiles = new CallerProfileService(db, callers, settings, clock, System::nanoTime);
        this.nuisance = new NuisanceService(db, callers, new MeasureRepository(), audit, profiles, settings, clock);
        this.links = new MatterLinkService(db, new MatterLinkRepository(), audit, profiles, clock);
        this.unmasker = new Unmasker(db, audit, clock);
        this.auditLog = new AuditLogService(db, audit);
        this.purge = new RetentionPurgeJob(vertx, db, new RetentionRepository(), audit, settings.retention(), clock);
    }

    /** Schedules the daily retention purge. */
    @Override
    public Future<Void> start() {
        purge.start();
        return Future.succeededFuture();
    }

    public CallerProfileService profiles() {
        return profiles;
    }

    public NuisanceService nuisance() {
        return nuisance;
    }

    public MatterLinkService links() {
        return links;
    }

    public Unmasker unmasker() {
        return unmasker;
    }

    public AuditLogService auditLog() {
        return auditLog;
    }

    public RetentionPurgeJob purge() {
        return purge;
    }

    public CallerSettings settings() {
        return settings;
    }

    /** The staff HTTP routes (caller profile, flags, measures, audit, links and merges). */
    public List<RouteContributor> routes() {
        return List.of(new CallerRoutes(profiles, nuisance, links, unmasker, auditLog));
    }

    /**
     * A call-update listener that keeps profiles current: counts a call at its start and runs the signals at its
     * end. It only hands work to the database pool (never blocks the publishing event loop). The tracker's
     * events carry no silent-call or matter facts; when it has them it should call
     * {@link NuisanceService#callEnded} itself instead of relying on this.
     */
    public Consumer<CallUpdate> callListener() {
        return update -> {
            if (update instanceof CallUpdate.CallStarted s) {
                profiles.callStarted(s.key(), s.view().callerNumber(), s.at())
                        .onFailure(e -> LOG.warn("caller profile: recording call {} failed: {}", s.key(), e.toString()));
            } else if (update instanceof CallUpdate.CallEnded e) {
                // The caller's number often arrives after the channel (NewCallerid): count the call at its end
                // too; callStarted is idempotent per call.
                profiles.callStarted(e.key(), e.view().callerNumber(), e.view().startedAt())
                        .onFailure(x -> LOG.warn("caller profile: recording call {} failed: {}", e.key(), x.toString()));
                nuisance.callEnded(new CallEnd(e.key(), e.view().callerNumber(), null, e.view().startedAt(),
                                e.view().answeredAt(), e.at(), null, false))
                        .onFailure(x -> LOG.warn("caller profile: signals for call {} failed: {}", e.key(), x.toString()));
            }
        };
    }

    @Override
    public void close() {
        purge.close();
    }
}
