package cn.hotline12345.cti.call.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fencing check of a PBX-owned write (issue 25 item 2), run first in the write's own transaction: the lease rows
 * of the PBXs written are read {@code FOR SHARE}, so a takeover (which updates the row) waits for this commit and a
 * write after a takeover sees the new epoch. A write whose epoch is older than the stored one is refused: the writer
 * paused (GC, VM freeze) past its lease and another node owns the PBX now. An epoch of 0 or less means unfenced (a
 * single server, or a node that never held the lease). Blocking: runs on the writer's or the database worker's thread.
 */
public final class LeaseFence {

    /** What a fenced writer throws to roll its transaction back: the lease of {@code pbxId} has a newer epoch. */
    public static final class Refused extends RuntimeException {
        private final String pbxId;

        public Refused(String pbxId, long epoch) {
            super("another node holds a newer AMI lease of " + pbxId + " than epoch " + epoch, null, false, false);
            this.pbxId = pbxId;
        }

        public String pbxId() {
            return pbxId;
        }
    }

    /** The metric of every fenced writer but the call writer's own ({@code cti_call_writer_fenced_total}). */
    public static final String METRIC = "cti_pbx_writes_fenced_total";

    private LeaseFence() {
    }

    /** The refusal in {@code e} or its causes (a driver or jOOQ may wrap it), or null. */
    public static Refused refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Refused r) {
                return r;
            }
        }
        return null;
    }

    /** The counter of one kind of fenced write ({@code reconcile}, {@code close_stale}, {@code ivr_path}). */
    public static io.micrometer.core.instrument.Counter counter(io.micrometer.core.instrument.MeterRegistry metrics,
                                                                String kind) {
        return io.micrometer.core.instrument.Counter.builder(METRIC).tag("kind", kind)
                .description("PBX-owned writes refused by the database because another node holds a newer AMI lease "
                        + "epoch for their PBX (issue 25)").register(metrics);
    }

    /** The PBXs among {@code epochs} whose lease has a newer epoch; locks their lease rows until the commit. */
    public static Set<String> stale(Connection c, Map<String, Long> epochs) throws SQLException {
        Set<String> stale = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement(
                "select pbx_id, epoch from ami_lease where pbx_id = any(?) order by pbx_id for share")) {
            st.setArray(1, c.createArrayOf("text", epochs.keySet().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(2) > epochs.get(rs.getString(1))) {
                        stale.add(rs.getString(1));
                    }
                }
            }
        }
        return stale;
    }

    /**
     * Throws {@link Refused} when {@code epoch} is positive and the PBX's lease has a newer one; otherwise (locking the
     * lease row until the commit) returns.
     */
    public static void check(Connection c, String pbxId, long epoch) throws SQLException {
        if (epoch > 0 && !stale(c, Map.of(pbxId, epoch)).isEmpty()) {
            throw new Refused(pbxId, epoch);
        }
    }
}
