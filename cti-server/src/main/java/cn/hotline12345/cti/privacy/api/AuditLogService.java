package cn.hotline12345.cti.privacy.api;

import cn.hotline12345.cti.platform.db.Db;
import io.vertx.core.Future;

import java.util.List;

/** Reads the audit log for supervisors and administrators; entries come out masked. */
public final class AuditLogService {

    private final Db db;
    private final AuditRepository repository;

    public AuditLogService(Db db, AuditRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    /** Newest first, numbers masked. */
    public Future<List<AuditEntry>> find(AuditQuery query) {
        return db.query(dsl -> repository.find(dsl, query).stream().map(AuditEntry::masked).toList());
    }
}
