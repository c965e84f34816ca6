package cn.hotline12345.cti.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration of one server, read once at start-up and never changed.
 * Every key is listed in {@code docs/configuration.md}.
 */
public record CtiConfig(Http http, Agi agi, Database database, List<Pbx> pbxs, Ivr ivr, Demo demo, Routing routing,
                        Recordings recordings, Cluster cluster, Wallboard wallboard, Reconcile reconcile,
                        Desk desk, Map<String, ConfigSection> sections) {

    public CtiConfig {
        pbxs = List.copyOf(pbxs);
        wallboard = wallboard == null ? Wallboard.defaults() : wallboard;
        reconcile = reconcile == null ? Reconcile.defaults() : reconcile;
        desk = desk == null ? Desk.defaults() : desk;
        sections = sections == null ? Map.of() : Map.copyOf(sections);
    }

    /** Without the wallboard, reconcile, desk and slice sections: their defaults. */
    public CtiConfig(Http http, Agi agi, Database database, List<Pbx> pbxs, Ivr ivr, Demo demo, Routing routing,
                     Recordings recordings, Cluster cluster) {
        this(http, agi, database, pbxs, ivr, demo, routing, recordings, cluster, Wallboard.defaults(), Reconcile.defaults(),
                Desk.defaults(), Map.of());
    }

    /**
     * The raw section a slice binds its own settings from ({@code auth}: {@code user.api.AuthSettings}; {@code agi}:
     * {@code ivr.agi.AgiSettings}); an empty one (all defaults) when the configuration has none.
     */
    public ConfigSection section(String name) {
        ConfigSection s = sections.get(name);
        return s != null ? s : ConfigSection.empty(name);
    }

    /** The same configuration with {@code s} in place of the slice section of its name. */
    public CtiConfig withSection(ConfigSection s) {
        Map<String, ConfigSection> m = new java.util.HashMap<>(sections);
        m.put(s.path(), s);
        return new CtiConfig(http, agi, database, pbxs, ivr, demo, routing, recordings, cluster, wallboard, reconcile,
                desk, m);
    }

    /** The same configuration with other PBXs (demo mode points the server at its simulator). */
    public CtiConfig withPbxs(List<Pbx> other) {
        return withPbxs(other, cluster);
    }

    /** The same configuration with other PBXs and cluster settings. */
    public CtiConfig withPbxs(List<Pbx> newPbxs, Cluster newCluster) {
        return new CtiConfig(http, agi, database, newPbxs, ivr, demo, routing, recordings, newCluster, wallboard, reconcile,
                desk, sections);
    }

    /** The same configuration with another FastAGI listener (tests and benchmarks). */
    public CtiConfig withAgi(Agi newAgi) {
        return new CtiConfig(http, newAgi, database, pbxs, ivr, demo, routing, recordings, cluster, wallboard, reconcile,
                desk, sections);
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

    /**
     * HTTP listener for the console, the APIs, health and metrics, and what it holds for one client
     * (docs/security.md).
     *
     * @param trustedProxies           reverse proxies whose {@code X-Forwarded-For} / {@code X-Forwarded-Proto} are
     *                                 believed (addresses or CIDR ranges); nobody else's are
     * @param headerTimeout            a new connection must have sent a whole request head within this
     * @param keepAliveTimeout         a kept-alive connection must start its next request within this
     * @param bodyTimeout              a request's body must have arrived within this after its head
     * @param maxConnections           open connections at most (the ops sources may still connect beyond it)
     * @param maxConnectionsPerAddress open connections of one client address at most (trusted proxies excepted)
     * @param opsAllowedSources        who may read {@code /ready} and {@code /metrics} ({@code /health} is open)
     * @param opsToken                 a bearer token that also opens them from anywhere; empty: none
     */
    public record Http(String host, int port, List<String> allowedOrigins, IpRanges trustedProxies,
                       Duration headerTimeout, Duration keepAliveTimeout, Duration bodyTimeout, int maxConnections,
                       int maxConnectionsPerAddress, IpRanges opsAllowedSources, String opsToken) {
        public Http {
            allowedOrigins = List.copyOf(allowedOrigins);
        }

        /** With the default limits (tests). */
        public Http(String host, int port, List<String> allowedOrigins) {
            this(host, port, allowedOrigins, IpRanges.none(), Duration.ofSeconds(10), Duration.ofSeconds(60),
                    Duration.ofSeconds(30), 4096, 512, IpRanges.parse("http.opsAllowedSources", List.of("127.0.0.1", "::1")),
                    "");
        }

        @Override
        public String toString() {
            return "Http[host=" + host + ", port=" + port + ", allowedOrigins=" + allowedOrigins + ", trustedProxies="
                    + trustedProxies + ", headerTimeout=" + headerTimeout + ", keepAliveTimeout=" + keepAliveTimeout
                    + ", bodyTimeout=" + bodyTimeout + ", maxConnections=" + maxConnections
                    + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress + ", opsAllowedSources="
                    + opsAllowedSources + ", opsToken=" + (opsToken.isEmpty() ? "(none)" : "***") + "]";
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
         * The call record writer (docs/performance.md, "Call record writes").
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
     *                   means the addresses of {@code host} (resolved once at start), {@code [any]} any address. A
     *                   connection from an address no PBX lists is closed before it takes a session slot; a session
     *                   that names this PBX ({@code ?pbx=<id>}) from another PBX's address is refused; a session that
     *                   names none is given the PBX whose sources hold its address. See docs/dialplan-contract.md
     *                   and docs/security.md.
     */
    public record Pbx(String id, String host, int port, String user, String secret, Duration pingInterval,
                      Duration actionTimeout, List<String> agiSources) {
        public Pbx {
            agiSources = agiSources == null ? List.of() : List.copyOf(agiSources);
        }

        /** Without FastAGI source addresses (the addresses of {@code host}). */
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

    /**
     * The IVR.
     *
     * @param flowsDir  where the flows come from; null means the flows shipped in ivr-scripts
     * @param soundsDir the PBX's language folder the server writes spoken knowledge answers into
     *                  ({@code knowledge/kb-<id>}, docs/ivr-audio.md), shared with Asterisk; null: answers are not
     *                  spoken (the knowledge lookup answers not found)
     */
    public record Ivr(Path flowsDir, Path soundsDir) {
        public Ivr(Path flowsDir) {
            this(flowsDir, null);
        }
    }

    /**
     * Demo mode (docs/configuration.md "Demo mode"): the in-process PBX simulator's hotline day and what is seeded.
     *
     * @param callsPerSecond offered calls per second at the day's peak
     * @param agents         simulated agents; 0 = as many as Erlang C asks for 85 % within 20 s at the peak
     * @param seed           random seed of the traffic and the seeded history
     * @param dayLength      real time of one hotline day (24h: the curve follows the clock)
     * @param dayStart       hotline time of day at the start; null = the hotline's current time
     * @param rushHour       a rush hour on purpose (overflow, callbacks, service-level alarm)
     * @param rushAfter      when the rush starts after the demo's start
     * @param rushLength     how long it lasts
     * @param rushFactor     the rate during the rush, as a multiple of the curve's
     * @param history        seed a matter history, units, knowledge entries and caller measures at start
     * @param historyDays    days of matter history to seed
     * @param backOffice     simulated staff and units move matters along (complete drafts, sign for, reply, revisit)
     */
    public record Demo(double callsPerSecond, int agents, long seed, Duration dayLength, java.time.LocalTime dayStart,
                       boolean rushHour, Duration rushAfter, Duration rushLength, double rushFactor, boolean history,
                       int historyDays, boolean backOffice) {

        /** The three keys of before issue 22, the rest at their defaults. */
        public Demo(double callsPerSecond, int agents, long seed) {
            this(callsPerSecond, agents, seed, Duration.ofMinutes(60), java.time.LocalTime.of(8, 0), false,
                    Duration.ofMinutes(2), Duration.ofMinutes(15), 2.0, true, 10, true);
        }
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
     * The wallboard's queue alarms (issue 24): each queue is compared with its thresholds every second. A queue
     * listed in {@code queues} uses its own thresholds, every other queue the defaults.
     *
     * @param standard the thresholds of every queue not listed
     * @param queues   per-queue thresholds, by queue id ({@code q-complaint}); only queues of the dialplan contract
     */
    public record Wallboard(Thresholds standard, java.util.Map<String, Thresholds> queues) {
        public Wallboard {
            queues = java.util.Map.copyOf(queues);
        }

        public static Wallboard defaults() {
            return new Wallboard(Thresholds.DEFAULTS, java.util.Map.of());
        }

        /** The thresholds of one queue. */
        public Thresholds forQueue(String queue) {
            return queues.getOrDefault(queue, standard);
        }

        /**
         * When a queue alarms.
         *
         * @param waitingAbove      more callers waiting than this
         * @param longestWaitAbove  the longest-waiting caller has waited longer than this
         * @param abandonRateAbove  today's share of abandoned calls (0..1) above this
         * @param serviceLevelBelow today's share answered within the service-level seconds (0..1) below this
         * @param minHandled        the two rates alarm only once this many calls were answered or abandoned today
         *                          (a rate of three calls says nothing)
         */
        public record Thresholds(int waitingAbove, Duration longestWaitAbove, double abandonRateAbove,
                                 double serviceLevelBelow, int minHandled) {
            public static final Thresholds DEFAULTS = new Thresholds(10, Duration.ofSeconds(60), 0.15, 0.80, 10);
        }
    }

    /**
     * The call reconciler (issue 21, docs/configuration.md "Call records from Asterisk"): call records rebuilt from
     * Asterisk's own CEL and queue_log rows (schema asterisk).
     *
     * @param enabled       false: call records are only what the AMI stream showed
     * @param interval      how often the calls that ended since the last pass are reconciled
     * @param settle        how long after a call's end (CEL LINKEDID_END) it is first reconciled: the AMI writer's
     *                      record of a call it saw whole is final by then
     * @param lookback      the sweep (and the first pass of a PBX) goes back this far
     * @param sweepInterval how often every call of the last {@code lookback} is compared again
     * @param batchSize     calls per database round (bounded memory and transactions)
     */
    public record Reconcile(boolean enabled, java.time.Duration interval, java.time.Duration settle,
                            java.time.Duration lookback, java.time.Duration sweepInterval, int batchSize) {
        public static Reconcile defaults() {
            return new Reconcile(true, Duration.ofMinutes(1), Duration.ofSeconds(15), Duration.ofHours(6),
                    Duration.ofHours(1), 500);
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
