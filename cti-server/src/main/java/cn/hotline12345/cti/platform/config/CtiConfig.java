package cn.hotline12345.cti.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The whole configuration of one server, read once at start-up and never changed.
 * Every key is listed in {@code docs/configuration.md}.
 */
public record CtiConfig(Http http, Agi agi, Database database, List<Pbx> pbxs, Ivr ivr, Demo demo, Routing routing,
                        Recordings recordings, Cluster cluster, Desk desk) {

    public CtiConfig {
        pbxs = List.copyOf(pbxs);
        desk = desk == null ? Desk.defaults() : desk;
    }

    /** Without the desk section: its defaults. */
    public CtiConfig(Http http, Agi agi, Database database, List<Pbx> pbxs, Ivr ivr, Demo demo, Routing routing,
                     Recordings recordings, Cluster cluster) {
        this(http, agi, database, pbxs, ivr, demo, routing, recordings, cluster, Desk.defaults());
    }

    /** Without the cluster section: a single node, as before issue 11. */
    public CtiConfig(Http http, Agi agi, Database database, List<Pbx> pbxs, Ivr ivr, Demo demo, Routing routing,
                     Recordings recordings) {
        this(http, agi, database, pbxs, ivr, demo, routing, recordings, Cluster.disabled());
    }

    /** Without the routing and recordings sections: their defaults. */
    public CtiConfig(Http http, Agi agi, Database database, List<Pbx> pbxs, Ivr ivr, Demo demo) {
        this(http, agi, database, pbxs, ivr, demo, Routing.defaults(), Recordings.defaults());
    }

    /** HTTP listener for the console, the APIs, health and metrics. */
    public record Http(String host, int port, List<String> allowedOrigins) {
        public Http {
            allowedOrigins = List.copyOf(allowedOrigins);
        }
    }

    /** FastAGI listener Asterisk's dialplan connects to. */
    public record Agi(String host, int port, Duration maxSessionDuration, int maxSessions) {
    }

    /** How the server gets its PostgreSQL, and how the call record writer batches into it. */
    public record Database(Mode mode, Path dataDir, int embeddedPort, String url, String user, String password,
                           int poolSize, Path journalDir, Writer writer) {
        /** embedded: the server runs PostgreSQL itself; external: a JDBC URL. */
        public enum Mode { EMBEDDED, EXTERNAL }

        /** With the call writer's defaults. */
        public Database(Mode mode, Path dataDir, int embeddedPort, String url, String user, String password,
                        int poolSize, Path journalDir) {
            this(mode, dataDir, embeddedPort, url, user, password, poolSize, journalDir, Writer.DEFAULTS);
        }

        /**
         * The call record writer (docs/benchmarks.md, "Call record writes").
         *
         * @param capacity      items waiting (call events, agent states, calls with a record waiting) before
         *                      more are refused; past half of it the backlog spills to the journal
         * @param maxBatch      items per transaction at most: bounds how long one commit takes
         * @param maxBatchDelay how long a batch that is not full waits for more items before it is committed
         * @param lanes         writer threads, each writing its share of the calls in its own transactions on its
         *                      own pooled connection (a call always goes to the same lane)
         */
        public record Writer(int capacity, int maxBatch, Duration maxBatchDelay, int lanes) {
            public static final Writer DEFAULTS = new Writer(200_000, 100, Duration.ofMillis(5), 2);
        }

        @Override
        public String toString() {
            return "Database[mode=" + mode + ", dataDir=" + dataDir + ", url=" + url + ", user=" + user
                    + ", password=***, poolSize=" + poolSize + ", journalDir=" + journalDir + ", writer=" + writer + "]";
        }
    }

    /**
     * One Asterisk server reached over AMI.
     *
     * @param agiSources the IP addresses this PBX's FastAGI connections come from (e.g. {@code 10.0.0.5}); empty
     *                   means any. A session that names this PBX ({@code ?pbx=<id>}) from another address is
     *                   refused; a session that names none is given the PBX whose sources hold its address (or the
     *                   only PBX when there is one). See docs/dialplan-contract.md.
     */
    public record Pbx(String id, String host, int port, String user, String secret, Duration pingInterval,
                      Duration actionTimeout, List<String> agiSources) {
        public Pbx {
            agiSources = agiSources == null ? List.of() : List.copyOf(agiSources);
        }

        /** Without FastAGI source addresses (any address). */
        public Pbx(String id, String host, int port, String user, String secret, Duration pingInterval,
                   Duration actionTimeout) {
            this(id, host, port, user, secret, pingInterval, actionTimeout, List.of());
        }

        @Override
        public String toString() {
            return "Pbx[id=" + id + ", host=" + host + ", port=" + port + ", user=" + user + ", secret=***, agiSources="
                    + agiSources + "]";
        }
    }

    /** Where the IVR flows come from: empty means the flows shipped in ivr-scripts. */
    public record Ivr(Path flowsDir) {
    }

    /** Demo mode: the in-process PBX simulator's call generator. */
    public record Demo(double callsPerSecond, int agents, long seed) {
    }

    /**
     * Routing beyond one queue (issue 4 item 8): overflow to a backup queue and callbacks.
     *
     * @param overflowAfter          how long a caller waits in a queue before being moved to the backup queue
     * @param overflowQueue          the backup queue (callers already there are never moved)
     * @param callbackInterval       how often pending callback requests are looked at
     * @param callbackMaxAttempts    originate attempts before a request is {@code failed}
     * @param callbackRetryAfter     pause after a failed attempt before the next one
     * @param callbackDialingTimeout a request still {@code dialing} after this (a server stopped mid-dial)
     *                               goes back to {@code pending} at start
     */
    public record Routing(Duration overflowAfter, String overflowQueue, Duration callbackInterval,
                          int callbackMaxAttempts, Duration callbackRetryAfter, Duration callbackDialingTimeout) {
        public static Routing defaults() {
            return new Routing(Duration.ofSeconds(120), "q-overflow", Duration.ofSeconds(2), 3, Duration.ofMinutes(5),
                    Duration.ofMinutes(2));
        }
    }

    /** Where the call recordings (MixMonitor files) are read from: Asterisk's monitor directory, mounted. */
    public record Recordings(Path dir) {
        public static Recordings defaults() {
            return new Recordings(Path.of("data/recordings"));
        }
    }

    /**
     * Several servers on one Vert.x cluster (issue 11 item 3, docs/operations.md "Several servers").
     *
     * @param enabled    false: a single node, no lease, no Hazelcast (the behaviour before issue 11)
     * @param nodeId     this node's name in the AMI leases (unique per node; default host name + random suffix)
     * @param host       the address Hazelcast binds and announces to the other members
     * @param port       Hazelcast's TCP port (fixed: the other nodes list it in their members)
     * @param members    the other nodes as host:port (TCP-IP join; multicast is off)
     * @param leaseTtl   how long an AMI lease lasts without renewal: the longest a dead owner keeps its PBXs
     * @param leaseRenew how often the owner renews and the others try to take over (well under the TTL)
     */
    public record Cluster(boolean enabled, String nodeId, String host, int port, List<String> members, Duration leaseTtl,
                          Duration leaseRenew) {
        public Cluster {
            members = List.copyOf(members);
        }

        public static Cluster disabled() {
            return new Cluster(false, "single", "127.0.0.1", 0, List.of(), Duration.ofSeconds(6), Duration.ofSeconds(2));
        }
    }

    /**
     * The agent desk (issue 19).
     *
     * @param wrapUpMax the longest an agent's wrap-up (话后处理) holds their phone: at a call's end the agent is paused in
     *                  every queue with reason {@code after_call_work} until they press 话后处理完成, or this long
     */
    public record Desk(Duration wrapUpMax) {
        public static Desk defaults() {
            return new Desk(Duration.ofSeconds(120));
        }
    }
}
