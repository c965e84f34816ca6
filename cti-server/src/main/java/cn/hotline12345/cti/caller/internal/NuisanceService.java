package cn.hotline12345.cti.caller.internal;


import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.caller.api.AppealStatus;
import cn.hotline12345.cti.caller.api.CallEnd;
import cn.hotline12345.cti.caller.api.CallerException;
import cn.hotline12345.cti.caller.api.CallerFlagEntry;
import cn.hotline12345.cti.caller.api.CallerNumber;
import cn.hotline12345.cti.caller.api.FlagKind;
import cn.hotline12345.cti.caller.api.IvrDirective;
import cn.hotline12345.cti.caller.api.Measure;
import cn.hotline12345.cti.caller.api.MeasureLevel;
import cn.hotline12345.cti.caller.api.NuisanceFacts;
import cn.hotline12345.cti.caller.api.PhoneNumbers;
import cn.hotline12345.cti.caller.api.CallerSettings;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.privacy.api.AuditEntry;
import cn.hotline12345.cti.privacy.api.AuditRepository;
import cn.hotline12345.cti.privacy.api.Staff;
import cn.hotline12345.cti.privacy.api.StaffRole;
import io.vertx.core.Future;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nuisance callers under art. 12 and 34: signals (frequency without matters, long occupation, silent calls,
 * agents' flags) and graded measures with evidence, review, expiry and appeal.
 *
 * <p>Rules: an automatic rule only proposes, and only up to {@code warning}/{@code review}; a
 * {@code dedicated_queue} measure, confirmations, lifts and appeal decisions need a supervisor; nothing here can
 * block a caller (see {@link IvrDirective}); every change is written to the audit log in the same transaction.
 * Expired measures stop applying by themselves (they are judged at lookup time).
 */
public final class NuisanceService {

    private static final Logger LOG = LoggerFactory.getLogger(NuisanceService.class);
    public static final int MAX_NOTE = 1000;
    public static final int MAX_REASON = 500;
    public static final int MAX_EVIDENCE = 100;

    private final Db db;
    private final CallerRepository callers;
    private final MeasureRepository measures;
    private final AuditRepository audit;
    private final CallerProfileService profiles;
    private final CallerSettings settings;
    private final Clock clock;

    public NuisanceService(Db db, CallerRepository callers, MeasureRepository measures, AuditRepository audit,
                           CallerProfileService profiles, CallerSettings settings, Clock clock) {
        this.db = db;
        this.callers = callers;
        this.measures = measures;
        this.audit = audit;
        this.profiles = profiles;
        this.settings = settings;
        this.clock = clock;
    }

    /** The outcome of a flag: the flag's id and the measures the rules proposed because of it. */
    public record FlagResult(long flagId, List<Measure> proposed) {
        public FlagResult {
            proposed = List.copyOf(proposed);
        }
    }

    /**
     * Hook for the call tracker when a call ends: raises the silent and occupation signals and lets the rules
     * propose measures.
     *
     * @return the measures proposed (empty for withheld and invalid numbers)
     */
    public Future<List<Measure>> callEnded(CallEnd end) {
        CallerNumber number = PhoneNumbers.normalise(end.rawNumber());
        if (number.profileKey().isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        String norm = number.normalised();
        Instant now = clock.instant();
        return db.tx(dsl -> {
            Instant at = end.endedAt() == null ? now : end.endedAt();
            callers.touch(dsl, norm, at);
            Long callId = end.callId() != null ? end.callId() : callers.callId(dsl, end.key().pbxId(), end.key().linkedid());
            if (end.silent()) {
                callers.insertFlag(dsl, norm, FlagKind.SILENT, null, "system:silent", at, callId);
            }
            if (end.matterId() == null && end.talkTime().compareTo(settings.nuisance().occupationMinimum()) >= 0) {
                callers.insertFlag(dsl, norm, FlagKind.OCCUPATION, "talk " + end.talkTime().toMinutes() + " min without a matter",
                        "system:occupation", at, callId);
            }
            return evaluate(dsl, norm, now);
        }).map(p -> {
            profiles.invalidate(norm);
            return p;
        });
    }

    /**
     * An agent flags a caller for harassment, insult or threat (art. 12, 34), with a note.
     *
     * @param callId the call it happened on, or null
     */
    public Future<FlagResult> flag(String rawNumber, FlagKind kind, String note, Long callId, Staff by) {
        String norm;
        try {
            norm = requireNumber(rawNumber);
            if (kind == null || !kind.byAgent()) {
                throw new CallerException(Refusal.Kind.INVALID, "an agent may flag harassment, insult or threat");
            }
            if (by.role() != StaffRole.AGENT && by.role() != StaffRole.SUPERVISOR) {
                throw new CallerException(Refusal.Kind.FORBIDDEN, "only agents and supervisors flag callers");
            }
            requireText(note, 2, MAX_NOTE, "note");
        } catch (CallerException e) {
            return Future.failedFuture(e);
        }
        Instant now = clock.instant();
        return db.tx(dsl -> {
            if (callId != null && !callers.callExists(dsl, callId)) {
                throw new CallerException(Refusal.Kind.NOT_FOUND, "no call " + callId);
            }
            callers.ensureCaller(dsl, norm, now);
            long id = callers.insertFlag(dsl, norm, kind, note.strip(), by.username(), now, callId);
            if (callId != null) {
                callers.markCallNuisance(dsl, callId);
            }
            audit.append(dsl, AuditEntry.of(now, by.username(), "caller.flag", subject(norm), note.strip(),
                    detail("flag", id, "kind", kind.dbName(), "call", callId)));
            return new FlagResult(id, evaluate(dsl, norm, now));
        }).map(r -> {
            profiles.invalidate(norm);
            return r;
        });
    }

    /** A supervisor imposes a measure of any level (a dedicated queue needs exactly this). */
    public Future<Measure> impose(String rawNumber, MeasureLevel level, String reason, List<Long> evidence,
                                  Instant expiresAt, Staff by) {
        String norm;
        Instant now = clock.instant();
        try {
            norm = requireNumber(rawNumber);
            requireSupervisor(by, "impose a measure");
            if (level == null) {
                throw new CallerException(Refusal.Kind.INVALID, "level must be observe, warning, dedicated_queue or review");
            }
            requireText(reason, 3, MAX_REASON, "reason");
            if (evidence.size() > MAX_EVIDENCE) {
                throw new CallerException(Refusal.Kind.INVALID, "at most " + MAX_EVIDENCE + " evidence calls");
            }
            if (expiresAt != null && !expiresAt.isAfter(now)) {
                throw new CallerException(Refusal.Kind.INVALID, "expiresAt must be in the future");
            }
        } catch (CallerException e) {
            return Future.failedFuture(e);
        }
        Instant expiry = expiresAt != null ? expiresAt : now.plus(settings.measures().expiry().get(level));
        return db.tx(dsl -> {
            for (Long c : evidence) {
                if (c == null || !callers.callExists(dsl, c)) {
                    throw new CallerException(Refusal.Kind.NOT_FOUND, "evidence call " + c + " does not exist");
                }
            }
            callers.ensureCaller(dsl, norm, now);
            Measure m = measures.insert(dsl, norm, level, reason.strip(), evidence, by.username(), true, now, expiry);
            audit.append(dsl, AuditEntry.of(now, by.username(), "measure.impose", subject(norm), m.reason(),
                    detail("measure", m.id(), "level", level.dbName(), "expires", expiry.toString())));
            return m;
        }).map(m -> {
            profiles.invalidate(norm);
            return m;
        });
    }

    /** A supervisor confirms a rule's proposal (it leaves the review list). */
    public Future<Measure> confirm(long measureId, String note, Staff by) {
        return change(measureId, by, true, note, (dsl, m, now) -> {
            if (m.confirmedAt() != null) {
                throw new CallerException(Refusal.Kind.CONFLICT, "measure " + measureId + " is confirmed already");
            }
            return measures.confirm(dsl, measureId, by.username(), now);
        }, "measure.confirm");
    }

    /** A supervisor lifts a measure, with a reason. */
    public Future<Measure> lift(long measureId, String reason, Staff by) {
        return change(measureId, by, true, reason, (dsl, m, now) -> measures.lift(dsl, measureId, by.username(),
                reason.strip(), now), "measure.lift");
    }

    /** Records the caller's appeal against a measure in force (an agent or supervisor takes it down). */
    public Future<Measure> fileAppeal(long measureId, String note, Staff by) {
        if (by.role() != StaffRole.AGENT && by.role() != StaffRole.SUPERVISOR) {
            return Future.failedFuture(new CallerException(Refusal.Kind.FORBIDDEN,
                    "only agents and supervisors record appeals"));
        }
        return change(measureId, by, false, note, (dsl, m, now) -> {
            if (m.appealStatus() == AppealStatus.PENDING) {
                throw new CallerException(Refusal.Kind.CONFLICT, "an appeal against measure " + measureId + " is pending already");
            }
            return measures.fileAppeal(dsl, measureId, note.strip(), now);
        }, "measure.appeal");
    }

    /** A supervisor decides a pending appeal: {@code UPHELD} keeps the measure, {@code LIFTED} ends it. */
    public Future<Measure> decideAppeal(long measureId, AppealStatus decision, String note, Staff by) {
        if (decision != AppealStatus.UPHELD && decision != AppealStatus.LIFTED) {
            return Future.failedFuture(new CallerException(Refusal.Kind.INVALID, "decision must be upheld or lifted"));
        }
        return change(measureId, by, true, note, (dsl, m, now) -> {
            if (m.appealStatus() != AppealStatus.PENDING) {
                throw new CallerException(Refusal.Kind.CONFLICT, "no pending appeal against measure " + measureId);
            }
            return measures.decideAppeal(dsl, measureId, decision, note.strip(), by.username(), now);
        }, "measure.appeal." + decision.dbName());
    }

    /** Measures waiting on a supervisor: unconfirmed proposals and pending appeals, oldest first. */
    public Future<List<Measure>> reviewList(int limit) {
        Instant now = clock.instant();
        return db.query(dsl -> measures.reviewList(dsl, now, Math.max(1, Math.min(limit, 1000))));
    }

    /** Every measure of one number, newest first. */
    public Future<List<Measure>> history(String rawNumber) {
        String norm;
        try {
            norm = requireNumber(rawNumber);
        } catch (CallerException e) {
            return Future.failedFuture(e);
        }
        return db.query(dsl -> measures.history(dsl, norm, 200));
    }

    /** Measures in force now, newest first. */
    public Future<List<Measure>> active(int limit) {
        Instant now = clock.instant();
        return db.query(dsl -> measures.active(dsl, now, Math.max(1, Math.min(limit, 10_000))));
    }

    @FunctionalInterface
    private interface MeasureChange {
        Measure apply(DSLContext dsl, Measure current, Instant now);
    }

    private Future<Measure> change(long id, Staff by, boolean supervisorOnly, String text, MeasureChange change,
                                   String action) {
        try {
            if (supervisorOnly) {
                requireSupervisor(by, action.replace('.', ' '));
            }
            if (text != null || !action.equals("measure.confirm")) {
                requireText(text, 2, MAX_NOTE, "reason or note");
            }
        } catch (CallerException e) {
            return Future.failedFuture(e);
        }
        Instant now = clock.instant();
        return db.tx(dsl -> {
            Measure m = measures.lock(dsl, id);
            if (m == null) {
                throw new CallerException(Refusal.Kind.NOT_FOUND, "no measure " + id);
            }
            if (!m.activeAt(now)) {
                throw new CallerException(Refusal.Kind.CONFLICT, "measure " + id + " is no longer in force");
            }
            Measure after = change.apply(dsl, m, now);
            audit.append(dsl, AuditEntry.of(now, by.username(), action, subject(m.numberNorm()), text == null ? null : text.strip(),
                    detail("measure", id, "level", m.level().dbName())));
            return after;
        }).map(m -> {
            profiles.invalidate(m.numberNorm());
            return m;
        });
    }

    /** Runs the signal rules for one number inside the caller's transaction; returns what was proposed. */
    private List<Measure> evaluate(DSLContext dsl, String norm, Instant now) {
        CallerSettings.NuisanceRules rules = settings.nuisance();
        NuisanceFacts f = callers.nuisanceFacts(dsl, norm, now, rules);
        List<Measure> proposed = new ArrayList<>();
        if (f.callsWithoutMatter().size() >= rules.frequency().threshold() && f.newMatters() == 0) {
            propose(dsl, norm, now, rules.frequency(), "frequency",
                    f.callsWithoutMatter().size() + " calls within " + ProfileAssembler.window(rules.frequency().within())
                            + " without a matter (art. 12)",
                    f.callsWithoutMatter(), FlagKind.FREQUENCY, proposed);
        }
        if (f.occupationFlags().size() >= rules.occupation().threshold()) {
            propose(dsl, norm, now, rules.occupation(), "occupation",
                    f.occupationFlags().size() + " long calls without a matter (art. 12)", callIds(f.occupationFlags()),
                    null, proposed);
        }
        if (f.silentFlags().size() >= rules.silent().threshold()) {
            propose(dsl, norm, now, rules.silent(), "silent", f.silentFlags().size() + " silent calls (art. 12)",
                    callIds(f.silentFlags()), null, proposed);
        }
        List<CallerFlagEntry> repeatedWindow = within(f.agentFlags(), now.minus(rules.agentFlagRepeated().within()));
        if (repeatedWindow.size() >= rules.agentFlagRepeated().threshold()) {
            propose(dsl, norm, now, rules.agentFlagRepeated(), "agent-flags",
                    repeatedWindow.size() + " agent flags (harassment, insult, threat; art. 34)", callIds(repeatedWindow),
                    null, proposed);
        }
        List<CallerFlagEntry> flagWindow = within(f.agentFlags(), now.minus(rules.agentFlag().within()));
        if (flagWindow.size() >= rules.agentFlag().threshold()) {
            propose(dsl, norm, now, rules.agentFlag(), "agent-flag",
                    "flagged by an agent: " + flagWindow.get(0).kind().dbName() + " (art. 34)", callIds(flagWindow),
                    null, proposed);
        }
        return proposed;
    }

    private void propose(DSLContext dsl, String norm, Instant now, CallerSettings.SignalRule rule, String name,
                         String reason, List<Long> evidence, FlagKind flag, List<Measure> out) {
        if (measures.suppressed(dsl, norm, rule.proposes(), now, now.minus(rule.within()))) {
            return;
        }
        String by = "system:" + name;
        if (flag != null) {
            callers.insertFlag(dsl, norm, flag, reason, by, now, evidence.isEmpty() ? null : evidence.get(0));
        }
        List<Long> ev = evidence.size() > MAX_EVIDENCE ? evidence.subList(0, MAX_EVIDENCE) : evidence;
        Measure m = measures.insert(dsl, norm, rule.proposes(), reason, ev, by, false, now,
                now.plus(settings.measures().expiry().get(rule.proposes())));
        audit.append(dsl, AuditEntry.of(now, by, "measure.propose", subject(norm), reason,
                detail("measure", m.id(), "level", m.level().dbName(), "evidence", String.valueOf(ev.size()))));
        LOG.info("rule {} proposed {} measure {} for caller {}", name, m.level().dbName(), m.id(),
                cn.hotline12345.cti.privacy.api.PhoneMasking.mask(norm));
        out.add(m);
    }

    private static List<CallerFlagEntry> within(List<CallerFlagEntry> flags, Instant since) {
        return flags.stream().filter(x -> !x.at().isBefore(since)).toList();
    }

    private static List<Long> callIds(List<CallerFlagEntry> flags) {
        return flags.stream().map(CallerFlagEntry::callId).filter(java.util.Objects::nonNull).distinct().toList();
    }

    static String subject(String norm) {
        return "caller:" + norm;
    }

    private static Map<String, String> detail(Object... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(String.valueOf(kv[i]), String.valueOf(kv[i + 1]));
            }
        }
        return m;
    }

    static String requireNumber(String raw) {
        CallerNumber n = PhoneNumbers.normalise(raw);
        if (n.profileKey().isEmpty()) {
            throw new CallerException(Refusal.Kind.INVALID,
                    "a " + n.kind().name().toLowerCase(java.util.Locale.ROOT) + " number has no caller profile");
        }
        return n.normalised();
    }

    private static void requireSupervisor(Staff by, String what) {
        if (by == null || !by.isSupervisor()) {
            throw new CallerException(Refusal.Kind.FORBIDDEN, "only a supervisor may " + what);
        }
    }

    private static void requireText(String s, int min, int max, String what) {
        if (s == null || s.strip().length() < min) {
            throw new CallerException(Refusal.Kind.INVALID, what + " is required (at least " + min + " characters)");
        }
        if (s.length() > max) {
            throw new CallerException(Refusal.Kind.INVALID, what + " is longer than " + max + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // NUL cannot be stored by PostgreSQL; other control characters have no place in a note either
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                throw new CallerException(Refusal.Kind.INVALID, what + " contains a control character");
            }
        }
    }
}
