package cn.hotline12345.cti.cluster;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The {@code ami_lease} table. Every statement is one atomic SQL statement timed by the database's
 * {@code now()}, so the nodes' own clocks never decide who owns a PBX. Blocking: run through {@code Db}.
 */
public final class AmiLeaseRepository {

    /**
     * Takes the lease of a PBX when nobody holds it or its holder let it expire; the epoch grows by one.
     * A node that still holds an unexpired lease under the same name (restarted with a fixed nodeId) takes
     * it back with a new epoch. Empty when another node holds it.
     */
    public Optional<AmiLease> tryAcquire(DSLContext dsl, String pbxId, String node, Duration ttl) {
        Record r = dsl.fetchOne("""
                with taken as (
                insert into ami_lease (pbx_id, owner, epoch, expires_at, updated_at)
                values (?, ?, 1, now() + make_interval(secs => ?), now())
                on conflict (pbx_id) do update
                   set owner = excluded.owner, epoch = ami_lease.epoch + 1, expires_at = excluded.expires_at,
                       updated_at = now()
                 where ami_lease.expires_at <= now() or ami_lease.owner = excluded.owner
                returning pbx_id, owner, epoch, expires_at)
                select * from taken""", pbxId, node, seconds(ttl));
        return Optional.ofNullable(r).map(AmiLeaseRepository::lease);
    }

    /**
     * Extends a lease held under this epoch, even one just past its expiry that nobody else took (the owner
     * never stopped, so its view of the PBX is still whole). Empty when the lease has another epoch or owner:
     * the caller must stop its link at once.
     */
    public Optional<AmiLease> renew(DSLContext dsl, String pbxId, String node, long epoch, Duration ttl) {
        Record r = dsl.fetchOne("""
                with renewed as (
                update ami_lease set expires_at = now() + make_interval(secs => ?), updated_at = now()
                 where pbx_id = ? and owner = ? and epoch = ?
                returning pbx_id, owner, epoch, expires_at)
                select * from renewed""", seconds(ttl), pbxId, node, epoch);
        return Optional.ofNullable(r).map(AmiLeaseRepository::lease);
    }

    /** Gives a lease up at once (clean shutdown), so another node need not wait for the TTL. */
    public boolean release(DSLContext dsl, String pbxId, String node, long epoch) {
        return dsl.execute("""
                update ami_lease set expires_at = now() - interval '1 millisecond', updated_at = now()
                 where pbx_id = ? and owner = ? and epoch = ?""", pbxId, node, epoch) == 1;
    }

    /** The current holder, expired or not. */
    public Optional<AmiLease> find(DSLContext dsl, String pbxId) {
        return Optional.ofNullable(dsl.fetchOne("select pbx_id, owner, epoch, expires_at from ami_lease where pbx_id = ?",
                pbxId)).map(AmiLeaseRepository::lease);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static AmiLease lease(Record r) {
        return new AmiLease(r.get(0, String.class), r.get(1, String.class), r.get(2, Long.class),
                r.get(3, OffsetDateTime.class).toInstant());
    }
}
