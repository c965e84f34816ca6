package cn.hotline12345.cti.matter.api;


import cn.hotline12345.cti.matter.internal.MatterLifecycle;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Where a hotline matter (热线事项) is in its life; see {@link MatterLifecycle} for the legal moves. */
public enum MatterStatus {
    /** 草稿: opened (for instance when a call reached an agent), not yet complete. */
    DRAFT,
    /** 受理: accepted by the hotline, deadline running. */
    ACCEPTED,
    /** 不予受理 (art. 19): refused at intake with a reason. Final. */
    NOT_ACCEPTED,
    /** 即时答复 (art. 18): answered by the agent at intake and closed. Final. */
    ANSWERED_ON_SPOT,
    /** 派单: dispatched to a lead unit (and co-handling units). */
    DISPATCHED,
    /** 签收: the lead unit signed for it. */
    SIGNED_FOR,
    /** 办理中: being handled. */
    IN_PROGRESS,
    /** 已答复: the unit replied; a revisit is due. */
    REPLIED,
    /** 已回访: the caller was revisited and is satisfied. */
    REVISITED,
    /** 办结: closed. Final. */
    CLOSED,
    /** 退回 (art. 22): returned by the unit as outside its duty; the hotline re-dispatches. */
    RETURNED,
    /** 申请终止 (art. 21): the unit asks to end the handling; the hotline reviews. */
    TERMINATION_REQUESTED,
    /** 终止办理 (art. 21): terminated after review. Final. */
    TERMINATED,
    /** 提级 (art. 23): beyond the unit; the city government's office organises a solution. */
    ESCALATED,
    /** 重办: reopened after an unsatisfied revisit; re-dispatched. */
    REOPENED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MatterStatus fromDb(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** The states no move leaves: the one definition of "over" (repositories and the caller profile use it). */
    public static final Set<MatterStatus> FINAL = Collections.unmodifiableSet(
            EnumSet.of(NOT_ACCEPTED, ANSWERED_ON_SPOT, CLOSED, TERMINATED));

    /** True for the states no move leaves. */
    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /** The database spellings of {@link #FINAL}. */
    public static List<String> finalDbNames() {
        return FINAL.stream().map(MatterStatus::dbName).toList();
    }

    /** True while a handling unit is working on it and the deadline counts. */
    public boolean isWithUnit() {
        return this == DISPATCHED || this == SIGNED_FOR || this == IN_PROGRESS || this == TERMINATION_REQUESTED;
    }
}
