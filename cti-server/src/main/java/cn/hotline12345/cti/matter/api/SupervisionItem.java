package cn.hotline12345.cti.matter.api;

import java.time.Instant;
import java.util.Set;

/** A matter on the supervision list (督办, art. 26) and why it is there. */
public record SupervisionItem(long matterId, String number, MatterStatus status, String subject, String leadUnitId,
                              String leadUnitName, Instant deadlineAt, Set<SupervisionReason> reasons) {

    public SupervisionItem {
        reasons = Set.copyOf(reasons);
    }
}
