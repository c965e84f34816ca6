package cn.hotline12345.cti.platform.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code cluster} section: this node's name and address, its members, the AMI lease's timing.
 */
final class ClusterSection {

    private ClusterSection() {
    }

    static CtiConfig.Cluster bind(ConfigSection n) {
        boolean enabled = n.bool("enabled", false);
        String nodeId = n.string("nodeId", "");
        if (nodeId.isEmpty()) {
            nodeId = DEFAULT_NODE_ID;
        }
        if (!nodeId.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new ConfigException("cluster.nodeId: '" + nodeId + "' must be 1-64 of letters, digits, '_', '.' or '-'");
        }
        String host = n.string("host", "127.0.0.1");
        if (host.isEmpty()) {
            throw new ConfigException("cluster.host: must not be empty");
        }
        int port = n.port("port", 5701);
        if (enabled && port == 0) {
            throw new ConfigException("cluster.port: '0' cannot be used: the other nodes must know this node's port");
        }
        List<String> members = new ArrayList<>();
        for (String m : n.stringList("members", List.of())) {
            String member = m.trim();
            if (member.isEmpty()) {
                continue;
            }
            if (!member.matches("[A-Za-z0-9.:\\[\\]-]+:\\d{1,5}") || Integer.parseInt(member.substring(member.lastIndexOf(':') + 1)) > 65535) {
                throw new ConfigException("cluster.members: '" + member + "' is not host:port");
            }
            members.add(member);
        }
        Duration ttl = n.duration("leaseTtl", Duration.ofSeconds(6), Duration.ofSeconds(1), Duration.ofMinutes(5));
        Duration renew = n.duration("leaseRenew", Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMinutes(1));
        if (renew.multipliedBy(2).compareTo(ttl) > 0) {
            throw new ConfigException("cluster.leaseRenew: '" + renew + "' must be at most half of cluster.leaseTtl ("
                    + ttl + "), or an owner loses its lease between two renewals");
        }
        return new CtiConfig.Cluster(enabled, nodeId, host, port, members, ttl, renew);
    }

    /**
     * Host name plus a random suffix, drawn once per process (so loading the configuration twice gives the same
     * one): two servers on one host, or one restarted, never share a lease name.
     */
    private static final String DEFAULT_NODE_ID = defaultNodeId();

    private static String defaultNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        host = host.replaceAll("[^A-Za-z0-9_.-]", "-");
        if (host.isEmpty() || !Character.isLetterOrDigit(host.charAt(0))) {
            host = "node" + host;
        }
        if (host.length() > 50) {
            host = host.substring(0, 50);
        }
        return host + "-" + Long.toString(new java.security.SecureRandom().nextLong() & 0xFFFFFFFFFL, 36);
    }
}
