package cn.hotline12345.cti.caller.internal;


import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.caller.api.CallerException;
import cn.hotline12345.cti.caller.api.MatterMerge;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.privacy.api.AuditEntry;
import cn.hotline12345.cti.privacy.api.AuditRepository;
import cn.hotline12345.cti.privacy.api.Staff;
import cn.hotline12345.cti.privacy.api.StaffRole;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * 重复诉求并单: a repeat call is linked to the matter it is about instead of opening a duplicate; agents merge
 * duplicates into one matter and split a wrong merge again. Every step is audited. This records links and
 * merges only; changing a merged matter's status is the matter workflow's decision.
 */
public final class MatterLinkService {

    public static final int MAX_MERGE = 20;

    private final Db db;
    private final MatterLinkRepository links;
    private final AuditRepository audit;
    private final CallerProfileService profiles;
    private final Clock clock;

    public MatterLinkService(Db db, MatterLinkRepository links, AuditRepository audit, CallerProfileService profiles,
                             Clock clock) {
        this.db = db;
        this.links = links;
        this.audit = audit;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** Links a call to a matter; linking twice is a no-op. @return whether the link is new */
    public Future<Boolean> link(long callId, long matterId, Staff by) {
        if (!mayEdit(by)) {
            return Future.failedFuture(forbidden());
        }
        Instant now = clock.instant();
        return db.tx(dsl -> {
            String callNumber = links.callNumberNorm(dsl, callId);
            if (callNumber == null) {
                throw new CallerException(Refusal.Kind.NOT_FOUND, "no call " + callId);
            }
            if (!links.matterExists(dsl, matterId)) {
                throw new CallerException(Refusal.Kind.NOT_FOUND, "no matter " + matterId);
            }
            boolean fresh = links.link(dsl, callId, matterId);
            if (fresh) {
                audit.append(dsl, AuditEntry.of(now, by.username(), "matter.link", "matter:" + matterId, null,
                        Map.of("call", String.valueOf(callId))));
            }
            return new Object[] {fresh, callNumber};
        }).map(r -> {
            profiles.invalidate((String) r[1]);
            return (Boolean) r[0];
        });
    }

    /** Merges duplicates into the primary matter. @return the merge records */
    public Future<List<MatterMerge>> merge(long primaryId, List<Long> duplicateIds, String reason, Staff by) {
        if (!mayEdit(by)) {
            return Future.failedFuture(forbidden());
        }
        LinkedHashSet<Long> dups = new LinkedHashSet<>(duplicateIds);
        if (dups.isEmpty() || dups.size() > MAX_MERGE || dups.contains(primaryId) || dups.contains(null)) {
            return Future.failedFuture(new CallerException(Refusal.Kind.INVALID,
                    "merge needs 1.." + MAX_MERGE + " other matters, none of them the primary"));
        }
        if (reason == null || reason.strip().length() < 2 || reason.length() > 500) {
            return Future.failedFuture(new CallerException(Refusal.Kind.INVALID, "a reason (2..500 characters) is required"));
        }
        Instant now = clock.instant();
        return db.tx(dsl -> {
            List<String> numbers = new ArrayList<>();
            if (!links.matterExists(dsl, primaryId)) {
                throw new CallerException(Refusal.Kind.NOT_FOUND, "no matter " + primaryId);
            }
            if (links.activeMergeOf(dsl, primaryId) != null) {
                throw new CallerException(Refusal.Kind.CONFLICT, "matter " + primaryId + " is itself merged into another");
            }
            numbers.add(links.matterNumberNorm(dsl, primaryId));
            List<MatterMerge> out = new ArrayList<>();
            for (Long d : dups) {
                if (!links.matterExists(dsl, d)) {
                    throw new CallerException(Refusal.Kind.NOT_FOUND, "no matter " + d);
                }
                if (links.activeMergeOf(dsl, d) != null) {
                    throw new CallerException(Refusal.Kind.CONFLICT, "matter " + d + " is merged already");
                }
                if (!links.mergedInto(dsl, d).isEmpty()) {
                    throw new CallerException(Refusal.Kind.CONFLICT, "matter " + d + " has matters merged into it; merge into it instead");
                }
                numbers.add(links.matterNumberNorm(dsl, d));
                MatterMerge m = links.insertMerge(dsl, primaryId, d, reason.strip(), by.username(), now);
                audit.append(dsl, AuditEntry.of(now, by.username(), "matter.merge", "matter:" + d, reason.strip(),
                        Map.of("into", String.valueOf(primaryId), "merge", String.valueOf(m.id()))));
                out.add(m);
            }
            numbers.forEach(profiles::invalidate);
            return out;
        });
    }

    /** Undoes one merge: the duplicate stands alone again. */
    public Future<MatterMerge> split(long mergeId, String reason, Staff by) {
        if (!mayEdit(by)) {
            return Future.failedFuture(forbidden());
        }
        if (reason == null || reason.strip().length() < 2 || reason.length() > 500) {
            return Future.failedFuture(new CallerException(Refusal.Kind.INVALID, "a reason (2..500 characters) is required"));
        }
        Instant now = clock.instant();
        return db.tx(dsl -> {
            MatterMerge m = links.split(dsl, mergeId, reason.strip(), by.username(), now);
            if (m == null) {
                throw new CallerException(Refusal.Kind.NOT_FOUND, "no active merge " + mergeId);
            }
            audit.append(dsl, AuditEntry.of(now, by.username(), "matter.split", "matter:" + m.mergedMatterId(),
                    reason.strip(), Map.of("from", String.valueOf(m.primaryMatterId()), "merge", String.valueOf(mergeId))));
            profiles.invalidate(links.matterNumberNorm(dsl, m.mergedMatterId()));
            profiles.invalidate(links.matterNumberNorm(dsl, m.primaryMatterId()));
            return m;
        });
    }

    private static boolean mayEdit(Staff by) {
        return by != null && (by.role() == StaffRole.AGENT || by.role() == StaffRole.SUPERVISOR);
    }

    private static CallerException forbidden() {
        return new CallerException(Refusal.Kind.FORBIDDEN, "only agents and supervisors link, merge and split matters");
    }
}
