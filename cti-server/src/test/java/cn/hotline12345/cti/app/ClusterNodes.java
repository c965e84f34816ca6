package cn.hotline12345.cti.app;

import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.ServerConfigs;
import cn.hotline12345.cti.testing.TestSql;
import cn.hotline12345.cti.testing.WsProbe;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process tests' cluster nodes (issue 25): each a child JVM of the server's own classpath ({@code Main run}) with
 * its environment, on loopback, joined through Hazelcast over its own port, one PostgreSQL for all, a short lease.
 */
final class ClusterNodes {

    /** One server process and its ports. */
    static final class Node {
        final String id;
        final int http;
        final int agi;
        final int hz;
        final Path log;
        Map<String, String> env;
        Process process;

        Node(String id, Path dir) {
            this.id = id;
            this.http = ServerConfigs.freePort();
            this.agi = ServerConfigs.freePort();
            this.hz = ServerConfigs.freePort();
            this.log = dir.resolve(id + ".log");
        }

        String origin() {
            return ServerConfigs.origin(http);
        }

        /** Starts (or starts again) the process; its log is appended to. */
        Node start() throws Exception {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "run");
            pb.environment().putAll(env);
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = pb.start();
            return this;
        }

        Node awaitReady() {
            Process p = process;
            Http.await(id + " ready", Duration.ofSeconds(90), () -> {
                if (!p.isAlive()) {
                    throw new AssertionError(id + " exited: " + TestSql.tail(log, 6000));
                }
                try {
                    return Http.get(http, "/ready").statusCode() == 200;
                } catch (IllegalStateException notYet) {
                    return false;
                }
            });
            return this;
        }

        /** SIGSTOP / SIGCONT: the JVM freezes as in a long GC pause or a VM freeze, its sockets stay open. */
        void signal(String name) throws Exception {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        }

        /** A clean stop (SIGTERM: the node releases its leases and drains). */
        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                process.waitFor();
            }
        }

        void kill() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                process.waitFor();
            }
        }

        JsonObject component(String name) {
            JsonObject c = new JsonObject(Http.get(http, "/ready").body()).getJsonObject("components").getJsonObject(name);
            return c == null ? new JsonObject().put("detail", "") : c;
        }

        /** The value of one sample of {@code /metrics} ({@code name{labels}}), 0 when absent. */
        double metric(String name, String labels) {
            String body = Http.get(http, "/metrics").body();
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + (labels.isEmpty() ? "" : "\\{[^}]*"
                    + Pattern.quote(labels) + "[^}]*\\}") + "\\s+(\\S+)$").matcher(body);
            double sum = 0;
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
            return sum;
        }
    }

    private final TestDatabase db;
    private final List<Node> nodes = new ArrayList<>();
    private final String members;

    /** Picks the nodes' ports; {@link #pbx} gives them their environment. */
    ClusterNodes(TestDatabase db, Path dir, String... ids) {
        this.db = db;
        for (String id : ids) {
            nodes.add(new Node(id, dir));
        }
        this.members = String.join(",", nodes.stream().map(n -> "127.0.0.1:" + n.hz).toList());
    }

    /** Every node's environment, for the PBX (pbx-sim) at this AMI port. */
    ClusterNodes pbx(int amiPort) {
        for (Node n : nodes) {
            Map<String, String> env = new HashMap<>(ServerConfigs.env(db, n.http, n.agi, amiPort));
            env.put("CTI_CLUSTER_ENABLED", "true");
            env.put("CTI_CLUSTER_NODE_ID", n.id);
            env.put("CTI_CLUSTER_HOST", "127.0.0.1");
            env.put("CTI_CLUSTER_PORT", Integer.toString(n.hz));
            env.put("CTI_CLUSTER_MEMBERS", members);
            env.put("CTI_CLUSTER_LEASE_TTL", "4s");
            env.put("CTI_CLUSTER_LEASE_RENEW", "1s");
            n.env = env;
        }
        return this;
    }

    Node get(String id) {
        return nodes.stream().filter(n -> n.id.equals(id)).findFirst().orElseThrow();
    }

    List<Node> all() {
        return nodes;
    }

    /** The owner of the PBX's lease in the table (expired or not). */
    String leaseOwner(String pbx) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("select owner from ami_lease where pbx_id = ?")) {
            st.setString(1, pbx);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) {
        return TestSql.count(db.dataSource(), sql);
    }

    /** The first column of the first row, as text (null when there is none). */
    static String string(javax.sql.DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql);
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How a call was stored: disposition, agent, end reason (for an assertion's message). */
    String stored(String linkedid) {
        return string(db.dataSource(), "select string_agg(coalesce(disposition, '-') || ' agent=' || coalesce(agent, '-') "
                + "|| ' end=' || coalesce(end_reason, '-') || ' answered=' || coalesce(answered_at::text, '-'), '; ') "
                + "from call where linkedid = '" + linkedid + "'");
    }

    /** The nodes' logs' tails, for a failure's message. */
    String logs() {
        StringBuilder b = new StringBuilder();
        for (Node n : nodes) {
            b.append("\n--- ").append(n.id).append(" ---\n").append(TestSql.tail(n.log, 5000));
        }
        return b.toString();
    }

    /** Stops every node still running: a paused one is continued first (a stopped JVM ignores SIGTERM). */
    void stopAll() throws Exception {
        for (Node n : nodes) {
            if (n.process != null && n.process.isAlive()) {
                n.signal("CONT");
                n.process.destroy();
            }
        }
        for (Node n : nodes) {
            if (n.process != null && !n.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                n.kill();
            }
        }
    }

    /** Per call id, how many screen pops a console received: any count above 1 is a duplicated pop. */
    static Map<String, Integer> popsPerCall(WsProbe console) {
        Map<String, Integer> out = new HashMap<>();
        for (JsonObject f : console.ofType("screen_pop")) {
            out.merge(f.getJsonObject("data").getString("callId"), 1, Integer::sum);
        }
        return out;
    }
}
