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
import java.util.ArrayList;
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

        List<CtiConfig.Pbx> pbxs = pbxs(root.get("pbxs"));

        String flows = ivr.string("flowsDir", "");
        String sounds = ivr.string("soundsDir", this.demo ? "data/sounds/zh" : "");
        CtiConfig.Ivr ivrConfig = new CtiConfig.Ivr(flows.isBlank() ? null : Path.of(flows),
                sounds.isBlank() ? null : Path.of(sounds));
        ivr.rejectUnknown();

        CtiConfig.Demo demoConfig = demo(demo);
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

        CtiConfig.Cluster clusterConfig = cluster(cluster);
        cluster.rejectUnknown();

        ConfigSection wallboard = node(root, "wallboard");
        CtiConfig.Wallboard wallboardConfig = wallboard(wallboard);
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

    /** wallboard: the queue alarms' thresholds, for every queue and per queue ({@code wallboard.queues.<id>.*}). */
    private CtiConfig.Wallboard wallboard(ConfigSection n) {
        CtiConfig.Wallboard.Thresholds defaults = thresholds(n, CtiConfig.Wallboard.Thresholds.DEFAULTS);
        n.markRead("queues");
        Object raw = n.values().get("queues");
        Map<String, CtiConfig.Wallboard.Thresholds> queues = new LinkedHashMap<>();
        if (raw != null) {
            castMap(raw, "wallboard.queues").forEach((id, v) -> {
                String path = "wallboard.queues." + id;
                if (cn.hotline12345.contract.HotlineQueue.byId(id).isEmpty()) {
                    throw new ConfigException(path + ": '" + id + "' is not a queue of the dialplan contract ("
                            + String.join(", ", cn.hotline12345.contract.HotlineQueue.ids()) + ")");
                }
                ConfigSection q = new ConfigSection(path, castMap(v, path), env, Map.of());
                queues.put(id, thresholds(q, defaults));
                q.rejectUnknown();
            });
        }
        return new CtiConfig.Wallboard(defaults, queues);
    }

    private CtiConfig.Wallboard.Thresholds thresholds(ConfigSection n, CtiConfig.Wallboard.Thresholds base) {
        return new CtiConfig.Wallboard.Thresholds(
                n.intRange("waitingAbove", base.waitingAbove(), 0, 100_000),
                n.duration("longestWaitAbove", base.longestWaitAbove(), Duration.ofSeconds(1), Duration.ofHours(4)),
                n.doubleRange("abandonRateAbove", base.abandonRateAbove(), 0.0, 1.0),
                n.doubleRange("serviceLevelBelow", base.serviceLevelBelow(), 0.0, 1.0),
                n.intRange("minHandled", base.minHandled(), 0, 100_000));
    }

    /** The demo section: the hotline day's traffic, the rush-hour switch, what is seeded (docs/configuration.md). */
    private CtiConfig.Demo demo(ConfigSection n) {
        double rate = n.doubleRange("callsPerSecond", 0.13, 0.0, 1000.0);
        int agents = n.intRange("agents", 0, 0, 2000);
        long seed = n.longValue("seed", 42L);
        Duration dayLength = n.duration("dayLength", Duration.ofMinutes(60), Duration.ofMinutes(1), Duration.ofHours(24));
        String start = n.string("dayStart", "08:00");
        java.time.LocalTime dayStart;
        if (start.equalsIgnoreCase("now")) {
            dayStart = null;
        } else {
            try {
                dayStart = java.time.LocalTime.parse(start.length() == 4 ? "0" + start : start);
            } catch (DateTimeParseException e) {
                throw new ConfigException("demo.dayStart: '" + start + "' is not a time of day (HH:mm) or 'now'");
            }
        }
        boolean rush = n.bool("rushHour", false);
        Duration rushAfter = n.duration("rushAfter", Duration.ofMinutes(2), Duration.ZERO, Duration.ofHours(24));
        Duration rushLength = n.duration("rushLength", Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ofHours(24));
        double rushFactor = n.doubleRange("rushFactor", 2.0, 1.0, 20.0);
        boolean history = n.bool("history", true);
        int historyDays = n.intRange("historyDays", 10, 1, 90);
        boolean backOffice = n.bool("backOffice", true);
        return new CtiConfig.Demo(rate, agents, seed, dayLength, dayStart, rush, rushAfter, rushLength, rushFactor,
                history, historyDays, backOffice);
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

    private CtiConfig.Cluster cluster(ConfigSection n) {
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

    private List<CtiConfig.Pbx> pbxs(Object raw) {
        List<Map<String, Object>> entries = new ArrayList<>();
        if (raw == null) {
            entries.add(new LinkedHashMap<>());
        } else if (raw instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                entries.add(castMap(list.get(i), "pbxs[" + i + "]"));
            }
            if (entries.isEmpty()) {
                throw new ConfigException("pbxs: at least one PBX is required");
            }
        } else {
            throw new ConfigException("pbxs: expected a list of PBXs, got '" + raw + "'");
        }
        List<CtiConfig.Pbx> out = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            ConfigSection n = new ConfigSection("pbxs[" + i + "]", entries.get(i), env, i == 0 ? Map.of(
                    "host", "CTI_AMI_HOST", "port", "CTI_AMI_PORT", "user", "CTI_AMI_USER", "secret", "CTI_AMI_SECRET")
                    : Map.of());
            String id = n.string("id", "pbx" + (i + 1));
            if (!id.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
                throw new ConfigException(n.path() + ".id: '" + id + "' must be 1-32 of a-z, 0-9, '_' or '-'");
            }
            if (!ids.add(id)) {
                throw new ConfigException(n.path() + ".id: '" + id + "' is used by two PBXs");
            }
            out.add(new CtiConfig.Pbx(id,
                    n.string("host", "127.0.0.1"),
                    n.port("port", 5038),
                    n.string("user", "cti"),
                    n.string("secret", "ctisecret"),
                    n.duration("pingInterval", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(5)),
                    n.duration("actionTimeout", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(5)),
                    agiSources(n)));
            n.rejectUnknown();
        }
        return List.copyOf(out);
    }

    /**
     * IP literals only (a host name would need a DNS lookup on every FastAGI connection), or {@code any} for a PBX
     * whose address cannot be known.
     */
    private static List<String> agiSources(ConfigSection n) {
        List<String> sources = n.stringList("agiSources", List.of());
        for (String s : sources) {
            if (s.equals("any") && sources.size() == 1) {
                continue;
            }
            if (!IPV4.matcher(s).matches() && !(s.contains(":") && s.matches("[0-9A-Fa-f:.]{2,45}"))) {
                throw new ConfigException(n.path() + ".agiSources: '" + s + "' is not an IP address");
            }
        }
        return sources;
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

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
    private static Map<String, Object> castMap(Object raw, String path) {
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
