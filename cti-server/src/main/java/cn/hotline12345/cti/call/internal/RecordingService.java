package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.privacy.api.AuditEntry;
import cn.hotline12345.cti.privacy.api.AuditRepository;
import io.vertx.core.Future;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Decides who may hear a call's recording and finds its file (issue 4 item 9). A supervisor may hear every
 * recording; an agent only the calls they took (their extension is the call's agent); nobody else. Every
 * request, granted or not, writes an {@code audit_log} row (actor, time, call, outcome) in the same
 * transaction as the lookup: a recording is never handed out unaudited.
 */
public final class RecordingService {

    /** Audit action names. */
    public static final String AUDIT_PLAY = "recording_play";
    public static final String AUDIT_REFUSED = "recording_refused";

    private final Db db;
    private final Path dir;
    private final Clock clock;
    private final RecordingRepository recordings = new RecordingRepository();
    private final AuditRepository audit = new AuditRepository();

    public RecordingService(Db db, Path dir, Clock clock) {
        this.db = db;
        this.dir = dir;
        this.clock = clock;
    }

    /** Who asks: a login name, whether they supervise, and their phone extension (agents; else null). */
    public record Listener(String username, boolean supervisor, String extension) {
    }

    /** The outcome of a request. */
    public enum Outcome { GRANTED, FORBIDDEN, NOT_FOUND }

    /** What the route serves: the file when granted; a reason otherwise. */
    public record Access(Outcome outcome, Path file, long size, String reason) {
    }

    /** Looks the call up, checks the listener, resolves the file, audits; runs on the database worker. */
    public Future<Access> open(CallKey key, Listener who) {
        return db.tx(dsl -> {
            Optional<RecordingRepository.CallRecording> call = recordings.find(dsl, key);
            Access access;
            if (call.isEmpty()) {
                access = new Access(Outcome.NOT_FOUND, null, 0, "unknown call");
            } else if (!mayHear(who, call.get().agent())) {
                access = new Access(Outcome.FORBIDDEN, null, 0, "not the supervisor or the agent of this call");
            } else {
                String stored = call.get().recordingFile();
                String problem = RecordingFiles.shapeProblem(stored);
                Optional<Path> file = problem == null ? RecordingFiles.resolve(dir, stored) : Optional.empty();
                access = file.map(p -> new Access(Outcome.GRANTED, p, size(p), null))
                        .orElseGet(() -> new Access(Outcome.NOT_FOUND, null, 0, problem != null ? problem : "recording file missing"));
            }
            audit.append(dsl, AuditEntry.of(clock.instant(), who.username(),
                    access.outcome() == Outcome.GRANTED ? AUDIT_PLAY : AUDIT_REFUSED, "call:" + key,
                    access.reason(), Map.of("outcome", access.outcome().name().toLowerCase(java.util.Locale.ROOT))));
            return access;
        });
    }

    private static long size(Path p) {
        try {
            return java.nio.file.Files.size(p);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Supervisors always; an agent when the call's member interface is their phone. */
    static boolean mayHear(Listener who, String callAgent) {
        if (who.supervisor()) {
            return true;
        }
        if (who.extension() == null || who.extension().isBlank() || callAgent == null) {
            return false;
        }
        String ext = who.extension();
        return callAgent.equals("PJSIP/" + ext) || callAgent.equals("SIP/" + ext)
                || callAgent.startsWith("Local/" + ext + "@");
    }
}
