package cn.hotline12345.cti.cluster;

import java.time.Instant;

/**
 * A node's hold on one PBX's AMI link, as the database granted it.
 *
 * @param epoch     the fencing number: it grows every time the lease changes hands (or is taken again after
 *                  expiring), so a renewal carrying an older epoch is refused even from the same node
 * @param expiresAt by the database's clock
 */
public record AmiLease(String pbxId, String owner, long epoch, Instant expiresAt) {
}
