package cn.hotline12345.cti.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The whole configuration of one server, read once at start-up and never changed.
 * Every key is listed in {@code docs/configuration.md}.
 */
public record CtiConfig(Http http, Agi agi, Database database, List<Pbx> pbxs, Ivr ivr, Demo demo) {

    public CtiConfig {
        pbxs = List.copyOf(pbxs);
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

    /** How the server gets its PostgreSQL. */
    public record Database(Mode mode, Path dataDir, int embeddedPort, String url, String user, String password,
                           int poolSize, Path journalDir) {
        /** embedded: the server runs PostgreSQL itself; external: a JDBC URL. */
        public enum Mode { EMBEDDED, EXTERNAL }

        @Override
        public String toString() {
            return "Database[mode=" + mode + ", dataDir=" + dataDir + ", url=" + url + ", user=" + user
                    + ", password=***, poolSize=" + poolSize + ", journalDir=" + journalDir + "]";
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
}
