package cn.hotline12345.cti.monitor.internal;

import cn.hotline12345.cti.privacy.api.AuditEntry;
import cn.hotline12345.cti.privacy.api.AuditRepository;
import org.jooq.DSLContext;

import java.util.Optional;

import static cn.hotline12345.schema.jooq.Tables.MATTER;

/**
 * What monitoring reads and writes: the hotline matter opened for a call (V10 {@code origin_pbx_id},
 * {@code origin_linkedid}; at most one per call) with its {@code confidential} flag (art. 11: a whistle-blower who
 * asked for confidentiality), and the audit log, through the privacy slice's {@link AuditRepository} (the same
 * {@code audit_log} the audited unmask writes).
 */
public final class MonitorRepository {

    /** The matter of a call: its id and whether its reporter asked for confidentiality. */
    public record CallMatter(long id, boolean confidential) {
    }

    private final AuditRepository audit = new AuditRepository();

    public Optional<CallMatter> matterOfCall(DSLContext dsl, String pbxId, String linkedid) {
        return dsl.select(MATTER.ID, MATTER.CONFIDENTIAL).from(MATTER)
                .where(MATTER.ORIGIN_PBX_ID.eq(pbxId).and(MATTER.ORIGIN_LINKEDID.eq(linkedid)))
                .fetchOptional(r -> new CallMatter(r.value1(), Boolean.TRUE.equals(r.value2())));
    }

    public long audit(DSLContext dsl, AuditEntry entry) {
        return audit.append(dsl, entry);
    }
}
