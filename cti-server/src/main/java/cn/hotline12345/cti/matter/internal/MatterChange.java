package cn.hotline12345.cti.matter.internal;



import cn.hotline12345.cti.matter.api.Actor;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.RequestKind;
import cn.hotline12345.cti.matter.api.RequestStatus;
import cn.hotline12345.cti.matter.api.RevisitMethod;
import cn.hotline12345.cti.matter.api.Satisfaction;
import cn.hotline12345.cti.matter.api.UnitRole;
import cn.hotline12345.cti.matter.internal.MatterRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one decision does to a matter, for {@link MatterRepository#mutate} to write in one transaction:
 * the next value of the matter, the transitions to record, and the side effects (units, requests, revisit).
 * Built by the services; pure data.
 */
public final class MatterChange {

    /** A transition row to record. */
    public record Step(MatterStatus from, MatterStatus to, String actor, String reason) {
    }

    /** Replace the matter's units with these. */
    public record Assignment(String unitId, UnitRole role) {
    }

    /** A new unit request or return. */
    public record NewRequest(RequestKind kind, String unitId, String reason, Instant requestedDeadline,
                             RequestStatus status, String decidedBy) {
    }

    /** A decision on a pending request. */
    public record Decision(long requestId, boolean approved, String decidedBy, String note) {
    }

    /** The result of a revisit, closing the open revisit task. */
    public record RevisitDone(RevisitMethod method, Boolean solved, Satisfaction satisfaction, String note) {
    }

    final Matter next;
    final List<Step> steps = new ArrayList<>();
    final List<cn.hotline12345.cti.privacy.api.AuditEntry> audits = new ArrayList<>();
    List<Assignment> assignments;
    String signUnitId;
    Instant revisitDueAt;
    NewRequest newRequest;
    Decision decision;
    RevisitDone revisitDone;

    private MatterChange(Matter next) {
        this.next = next;
    }

    public static MatterChange to(Matter next) {
        return new MatterChange(next);
    }

    public MatterChange step(MatterStatus from, MatterStatus to, Actor actor, String reason) {
        steps.add(new Step(from, to, actor.name(), reason));
        return this;
    }

    public MatterChange assign(List<Assignment> units) {
        this.assignments = List.copyOf(units);
        return this;
    }

    public MatterChange signedBy(String unitId) {
        this.signUnitId = unitId;
        return this;
    }

    public MatterChange openRevisit(Instant dueAt) {
        this.revisitDueAt = dueAt;
        return this;
    }

    public MatterChange request(NewRequest r) {
        this.newRequest = r;
        return this;
    }

    public MatterChange decide(Decision d) {
        this.decision = d;
        return this;
    }

    public MatterChange revisitDone(RevisitDone r) {
        this.revisitDone = r;
        return this;
    }

    /** An audit entry written in the same transaction as the change. */
    public MatterChange audit(cn.hotline12345.cti.privacy.api.AuditEntry e) {
        audits.add(e);
        return this;
    }

    public Matter next() {
        return next;
    }
}
