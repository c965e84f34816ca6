package cn.hotline12345.cti.platform.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@link CtiConfig} from an optional YAML file plus environment overrides, and validates it.
 *
 * <p>Every value has a default, so the server starts with no file at all. An environment variable
 * {@code CTI_<KEY>} overrides a key (dots and camel case become underscores: {@code http.port} is
 * {@code CTI_HTTP_PORT}, {@code agi.maxSessions} is {@code CTI_AGI_MAX_SESSIONS}); the first PBX also
 * takes {@code CTI_AMI_HOST}, {@code CTI_AMI_PORT}, {@code CTI_AMI_USER}, {@code CTI_AMI_SECRET}, and
 * {@code CTI_DB_URL}/{@code CTI_DB_USER}/{@code CTI_DB_PASSWORD} select an external database. Unknown keys
 * and bad values fail with a message naming the key and the value.
 */
public final class ConfigLoader {

    private static final Set<String> TOP = Set.of("http", "agi", "auth", "database", "pbxs", "ivr", "demo", "routing", "recordings",
            "cluster", "wallboard", "reconcile", "desk", "callers", "text", "softphone");

    private final Map<String, String> env;
    private final boolean demo;

    public ConfigLoader(Map<String, String> env) {
        this(env, false);
    }

    private ConfigLoader(Map<String, String> env, boolean demo) {
        this.env = Map.copyOf(env);
        this.demo = demo;
    }

    /**
     * The same loader with demo mode's defaults when {@code demo} (docs/configuration.md "Demo mode"): the HTTP and
     * FastAGI listeners on loopback (the demo publishes its passwords: issue 22 item 5), overflow after 60 s,
     * knowledge answers spoken into {@code data/sounds/zh}. A value in the file or the environment still wins.
     */
    public ConfigLoader demoDefaults(boolean demo) {
        return new ConfigLoader(env, demo);
    }

    /** Loads from the given file (may be null: defaults and environment only). */
    public CtiConfig load(Path file) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file " + file + " does not exist");
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
                if (parsed != null && !(parsed instanceof Map)) {
                    throw new ConfigException("config file " + file + ": the top level must be a mapping");
                }
                if (parsed != null) {
                    root.putAll(castMap(parsed, "(top level)"));
                }
            } catch (IOException e) {
                throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (e instanceof ConfigException) {
                    throw e;
                }
                throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage(), e);
            }
        }
        return bind(root);
    }

    /** Binds an already parsed tree (used by {@link #load} and by tests). */
    public CtiConfig bind(Map<String, Object> root) {
        for (String key : root.keySet()) {
            if (!TOP.contains(key)) {
                throw new ConfigException("unknown configuration key '" + key + "' (known: " + String.join(", ", TOP) + ")");
            }
        }
        ConfigSection http = node(root, "http");
        ConfigSection agi = node(root, "agi");
        ConfigSection db = node(root, "database");
        ConfigSection ivr = node(root, "ivr");
        ConfigSection demo = node(root, "demo");
        ConfigSection routing = node(root, "routing");
        ConfigSection recordings = node(root, "recordings");
        ConfigSection cluster = node(root, "cluster");
        ConfigSection reconcile = node(root, "reconcile");
        ConfigSection desk = node(root, "desk");

        CtiConfig.Http httpConfig = http(http);
        http.rejectUnknown();

        // the rest of the agi section (the FastAGI server's tuning) is bound by ivr.agi.AgiSettings, which also
        // refuses its unknown keys; the auth section by user.api.AuthSettings
        CtiConfig.Agi agiConfig = new CtiConfig.Agi(
                agi.string("host", this.demo ? "127.0.0.1" : "0.0.0.0"),
                agi.port("port", 4573),
                agi.duration("maxSessionDuration", Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ofHours(4)),
                agi.intRange("maxSessions", 5000, 1, 100_000));
        ConfigSection auth = node(root, "auth");
        // softphone (issue 23): bound by phone.api.SoftphoneSettings, which refuses its unknown keys
        ConfigSection softphone = node(root, "softphone");

        String dbUrl = firstNonBlank(env.get("CTI_DB_URL"), db.string("url", ""));
        String modeDefault = dbUrl.isBlank() ? "embedded" : "external";
        CtiConfig.Database.Mode mode = db.enumValue("mode", modeDefault, CtiConfig.Database.Mode.class);
        if (!env.getOrDefault("CTI_DB_URL", "").isBlank()) {
            mode = CtiConfig.Database.Mode.EXTERNAL;
        }
        if (mode == CtiConfig.Database.Mode.EXTERNAL && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("database.url: '" + dbUrl + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db)"
                    + " and database.mode is external");
        }
        int poolSize = db.intRange("poolSize", 8, 1, 200);
        CtiConfig.Database dbConfig = new CtiConfig.Database(
                mode,
                Path.of(db.string("dataDir", "data/postgres")),
                db.intRange("embeddedPort", 0, 0, 65535),
                dbUrl,
                firstNonBlank(env.get("CTI_DB_USER"), db.string("user", "postgres")),
                firstNonBlank(env.get("CTI_DB_PASSWORD"), db.string("password", "postgres")),
                poolSize,
                Path.of(db.string("journalDir", "data/journal")),
                writer(db, poolSize));
        db.rejectUnknown();

        List<CtiConfig.Pbx> pbxs = new PbxSections(env).bind(root.get("pbxs"));

        String flows = ivr.string("flowsDir", "");
        String sounds = ivr.string("soundsDir", this.demo ? "data/sounds/zh" : "");
        CtiConfig.Ivr ivrConfig = new CtiConfig.Ivr(flows.isBlank() ? null : Path.of(flows),
                sounds.isBlank() ? null : Path.of(sounds));
        ivr.rejectUnknown();

        CtiConfig.Demo demoConfig = DemoSection.bind(demo);
        demo.rejectUnknown();

        String overflowQueue = routing.string("overflowQueue", "q-overflow");
        if (!overflowQueue.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
            throw new ConfigException("routing.overflowQueue: '" + overflowQueue
                    + "' is not a queue name (1-64 of letters, digits, '_' or '-')");
        }
        CtiConfig.Routing routingConfig = new CtiConfig.Routing(
                routing.duration("overflowAfter", Duration.ofSeconds(this.demo ? 60 : 120), Duration.ofSeconds(1),
                        Duration.ofHours(1)),
                overflowQueue,
                routing.duration("callbackInterval", Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMinutes(10)),
                routing.intRange("callbackMaxAttempts", 3, 1, 20),
                routing.duration("callbackRetryAfter", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofHours(24)),
                routing.duration("callbackDialingTimeout", Duration.ofMinutes(2), Duration.ofSeconds(5), Duration.ofHours(1)));
        routing.rejectUnknown();

        String recDir = recordings.string("dir", "data/recordings");
        if (recDir.isBlank()) {
            throw new ConfigException("recordings.dir: must not be empty");
        }
        CtiConfig.Recordings recordingsConfig = new CtiConfig.Recordings(Path.of(recDir));
        recordings.rejectUnknown();

        CtiConfig.Cluster clusterConfig = ClusterSection.bind(cluster);
        cluster.rejectUnknown();

        ConfigSection wallboard = node(root, "wallboard");
        CtiConfig.Wallboard wallboardConfig = new WallboardSection(env).bind(wallboard);
        wallboard.rejectUnknown();

        // issue 21: the call reconciler (docs/configuration.md, "Call records from Asterisk")
        CtiConfig.Reconcile reconcileConfig = new CtiConfig.Reconcile(
                reconcile.bool("enabled", true),
                reconcile.duration("interval", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1)),
                reconcile.duration("settle", Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofMinutes(30)),
                reconcile.duration("lookback", Duration.ofHours(6), Duration.ofMinutes(1), Duration.ofDays(31)),
                reconcile.duration("sweepInterval", Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(1)),
                reconcile.intRange("batchSize", 500, 1, 10_000));
        reconcile.rejectUnknown();

        // desk (issue 19): how long wrap-up may hold an agent's phone at most
        CtiConfig.Desk deskConfig = new CtiConfig.Desk(
                desk.duration("wrapUpMax", Duration.ofSeconds(120), Duration.ofSeconds(10), Duration.ofHours(1)));
        desk.rejectUnknown();

        return new CtiConfig(httpConfig, agiConfig, dbConfig, pbxs, ivrConfig, demoConfig, routingConfig, recordingsConfig,
                clusterConfig, wallboardConfig, reconcileConfig, deskConfig,
                Map.of("agi", agi, "auth", auth, "callers", node(root, "callers"), "text", node(root, "text"),
                        "softphone", softphone));
    }

    /** The http section: listener, origins, and the limits of docs/security.md ("HTTP"). */
    private CtiConfig.Http http(ConfigSection n) {
        String host = n.string("host", this.demo ? "127.0.0.1" : "0.0.0.0");
        int port = n.port("port", 8080);
        List<String> origins = n.stringList("allowedOrigins", List.of("http://localhost:8080", "http://127.0.0.1:8080"));
        IpRanges proxies = IpRanges.parse(n.key("trustedProxies"), n.stringList("trustedProxies", List.of()));
        if (proxies.isAny()) {
            throw new ConfigException(n.key("trustedProxies") + ": 'any' would let every client choose its own address");
        }
        Duration header = n.duration("headerTimeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5));
        Duration keepAlive = n.duration("keepAliveTimeout", Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofHours(1));
        Duration body = n.duration("bodyTimeout", Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMinutes(30));
        int max = n.intRange("maxConnections", 4096, 16, 1_000_000);
        int perAddress = n.intRange("maxConnectionsPerAddress", 512, 1, 1_000_000);
        if (perAddress > max) {
            throw new ConfigException(n.key("maxConnectionsPerAddress") + ": " + perAddress + " is more than http.maxConnections ("
                    + max + ")");
        }
        IpRanges ops = IpRanges.parse(n.key("opsAllowedSources"), n.stringList("opsAllowedSources", List.of("127.0.0.1", "::1")));
        String token = n.string("opsToken", "");
        if (!token.isEmpty() && (token.length() < 24 || !token.matches("[A-Za-z0-9._~+/=-]+"))) {
            // never echo the token itself
            throw new ConfigException(n.key("opsToken") + ": must be at least 24 characters of letters, digits or ._~+/=-");
        }
        return new CtiConfig.Http(host, port, origins, proxies, header, keepAlive, body, max, perAddress, ops, token);
    }

    /** database.writer: the call record writer's backlog and batches. */
    private CtiConfig.Database.Writer writer(ConfigSection db, int poolSize) {
        db.markRead("writer");
        Object raw = db.values().get("writer");
        ConfigSection w = new ConfigSection("database.writer", raw == null ? new LinkedHashMap<>() : castMap(raw, "database.writer"), env, Map.of());
        CtiConfig.Database.Writer defaults = CtiConfig.Database.Writer.DEFAULTS;
        int capacity = w.intRange("capacity", defaults.capacity(), 1_000, 10_000_000);
        int maxBatch = w.intRange("maxBatch", defaults.maxBatch(), 1, 20_000);
        Duration maxBatchDelay = w.duration("maxBatchDelay", defaults.maxBatchDelay(), Duration.ZERO, Duration.ofSeconds(1));
        int lanes = w.intRange("lanes", defaults.lanes(), 1, 16);
        w.rejectUnknown();
        if (lanes >= poolSize) {
            // each lane holds a pooled connection through its transaction: the API, the IVR and the matters need some too
            throw new ConfigException("database.writer.lanes: " + lanes + " must be less than database.poolSize (" + poolSize
                    + "), as each lane writes on a pooled connection of its own");
        }
        if (maxBatch > capacity / 2) {
            // past half the capacity the backlog spills to the journal: a batch must fit well below that
            throw new ConfigException("database.writer.maxBatch: " + maxBatch + " is more than half of database.writer.capacity ("
                    + capacity + ")");
        }
        return new CtiConfig.Database.Writer(capacity, maxBatch, maxBatchDelay, lanes);
    }

    private ConfigSection node(Map<String, Object> root, String key) {
        Object raw = root.get(key);
        Map<String, Object> map = raw == null ? new LinkedHashMap<>() : castMap(raw, key);
        return new ConfigSection(key, map, env, Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object raw, String path) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new ConfigException(path + ": expected a mapping, got '" + raw + "'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    /** Environment variable name for a key path: http.port → CTI_HTTP_PORT, agi.maxSessions → CTI_AGI_MAX_SESSIONS. */
    static String envName(String path) {
        String snake = path.replaceAll("\\[\\d+]", "").replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_');
        return "CTI_" + snake.toUpperCase(Locale.ROOT);
    }

    /** Durations as 500ms, 5s, 2m, 1h, 7d, or ISO-8601 (PT5S, P7D). */
    public static Duration parseDuration(String key, String v) {
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(v);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // fall through to the error below
        }
        throw new ConfigException(key + ": '" + v + "' is not a duration (e.g. 500ms, 5s, 2m, 1h, 7d)");
    }
}
