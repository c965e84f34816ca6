package cn.hotline12345.cti.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The whole configuration of one server, read once at start-up and never changed.
 * Every key is listed in {@code docs/configuration.md}.
 */
public record CtiConfig(Http http, Agi agi, Database database, List<Pbx> pbxs, Ivr ivr, Demo demo, Routing routing,
                        Recordings recordings) {

    public CtiConfig {
        pbxs = List.copyOf(pbxs);
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
         */
        public record Writer(int capacity, int maxBatch, Duration maxBatchDelay) {
            public static final Writer DEFAULTS = new Writer(200_000, 100, Duration.ofMillis(5));
        }

        @Override
        public String toString() {
            return "Database[mode=" + mode + ", dataDir=" + dataDir + ", url=" + url + ", user=" + user
                    + ", password=***, poolSize=" + poolSize + ", journalDir=" + journalDir + ", writer=" + writer + "]";
        }
    }

    /** One Asterisk server reached over AMI. */
    public record Pbx(String id, String host, int port, String user, String secret, Duration pingInterval,
                      Duration actionTimeout) {
        @Override
        public String toString() {
            return "Pbx[id=" + id + ", host=" + host + ", port=" + port + ", user=" + user + ", secret=***]";
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
}
