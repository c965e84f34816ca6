package cn.hotline12345.cti.platform.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One mapping of the configuration tree ({@code http}, {@code auth}, {@code agi}, ...) with its environment
 * overrides: typed reads that default, check ranges and fail with a {@link ConfigException} naming the key and the
 * value. The keys read are remembered, so {@link #rejectUnknown()} can refuse the rest.
 *
 * <p>Slices bind their own settings records from their section ({@code AuthSettings.from(config.section("auth"))}),
 * so a setting is read in one place; {@code app} binds every slice's settings at start (and {@code check-config}),
 * and an unknown or bad key stops the start. An environment variable {@code CTI_<PATH>_<KEY>} wins over the file
 * ({@link ConfigLoader#envName}).
 */
public final class ConfigSection {

    private final String path;
    private final Map<String, Object> values;
    private final Map<String, String> env;
    private final Map<String, String> extraEnv;
    private final Set<String> read = java.util.Collections.synchronizedSet(new HashSet<>());

    ConfigSection(String path, Map<String, Object> values, Map<String, String> env, Map<String, String> extraEnv) {
        this.path = path;
        this.values = Map.copyOf(values);
        this.env = env;
        this.extraEnv = extraEnv;
    }

    /** An empty section: every read gives its default (configurations built by hand in tests). */
    public static ConfigSection empty(String path) {
        return new ConfigSection(path, Map.of(), Map.of(), Map.of());
    }

    /**
     * The same section with {@code key} set to {@code value}, whatever the file or the environment said (demo mode
     * points the softphone at its simulator's SIP WebSocket).
     */
    public ConfigSection with(String key, String value) {
        Map<String, Object> v = new java.util.HashMap<>(values);
        v.put(key, value);
        Map<String, String> e = new java.util.HashMap<>(env);
        e.remove(ConfigLoader.envName(path + "." + key));
        e.remove(extraEnv.getOrDefault(key, ""));
        return new ConfigSection(path, v, e, extraEnv);
    }

    /** The section's path ({@code auth}, {@code pbxs[0]}). */
    public String path() {
        return path;
    }

    /** The full key of {@code key} in this section ({@code auth.maxSessions}), for messages. */
    public String key(String key) {
        return path + "." + key;
    }

    /** A failure naming the key and the offending value. */
    public ConfigException invalid(String key, String value, String why) {
        return new ConfigException(key(key) + ": '" + value + "' " + why);
    }

    Map<String, Object> values() {
        return values;
    }

    void markRead(String key) {
        read.add(key);
    }

    private String raw(String key) {
        read.add(key);
        String fromEnv = env.get(extraEnv.getOrDefault(key, ConfigLoader.envName(path + "." + key)));
        if (fromEnv == null && extraEnv.containsKey(key)) {
            fromEnv = env.get(ConfigLoader.envName(path + "." + key));
        }
        if (fromEnv != null) {
            return fromEnv;
        }
        Object v = values.get(key);
        if (v instanceof Map || v instanceof List) {
            throw new ConfigException(key(key) + ": expected a single value, got '" + v + "'");
        }
        return v == null ? null : String.valueOf(v);
    }

    public String string(String key, String def) {
        String v = raw(key);
        return v == null ? def : v.trim();
    }

    /** A list: a YAML list in the file, a comma-separated value in the environment (blank: the default). */
    public List<String> stringList(String key, List<String> def) {
        read.add(key);
        String fromEnv = env.get(ConfigLoader.envName(path + "." + key));
        if (fromEnv != null) {
            return fromEnv.isBlank() ? def : List.of(fromEnv.trim().split("\\s*,\\s*"));
        }
        Object v = values.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof List<?> l)) {
            throw new ConfigException(key(key) + ": expected a list, got '" + v + "'");
        }
        return l.stream().map(String::valueOf).toList();
    }

    public int intRange(String key, int def, int min, int max) {
        String v = raw(key);
        if (v == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new ConfigException(key(key) + ": '" + v + "' is out of range (" + min + ".." + max + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key(key) + ": '" + v + "' is not a whole number");
        }
    }

    public boolean bool(String key, boolean def) {
        String v = raw(key);
        if (v == null) {
            return def;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key(key) + ": '" + v + "' is not true or false");
        };
    }

    public long longValue(String key, long def) {
        String v = raw(key);
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key(key) + ": '" + v + "' is not a whole number");
        }
    }

    public double doubleRange(String key, double def, double min, double max) {
        String v = raw(key);
        if (v == null) {
            return def;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d >= min && d <= max)) {
                throw new ConfigException(key(key) + ": '" + v + "' is out of range (" + min + ".." + max + ")");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigException(key(key) + ": '" + v + "' is not a number");
        }
    }

    public int port(String key, int def) {
        String v = raw(key);
        if (v == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0 || n > 65535) {
                throw new ConfigException(key(key) + ": '" + v + "' is not a valid port (0-65535)");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key(key) + ": '" + v + "' is not a valid port (0-65535)");
        }
    }

    /** A duration (500ms, 5s, 2m, 1h, PT5S) within [min, max]. */
    public Duration duration(String key, Duration def, Duration min, Duration max) {
        String v = raw(key);
        if (v == null) {
            return def;
        }
        Duration d = ConfigLoader.parseDuration(key(key), v.trim());
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ConfigException(key(key) + ": '" + v + "' is out of range (" + min + ".." + max + ")");
        }
        return d;
    }

    /** One of the enum's constants, written in lower case. */
    public <E extends Enum<E>> E enumValue(String key, String def, Class<E> type) {
        String v = string(key, def);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name().toLowerCase(Locale.ROOT));
            }
            throw new ConfigException(key(key) + ": '" + v + "' is not one of " + names);
        }
    }

    /** Fails on the first key of the file's section that nothing has read. */
    public void rejectUnknown() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                throw new ConfigException("unknown configuration key '" + key(key) + "'");
            }
        }
    }

    /**
     * What this section can give: its file values and the environment variables that may set its keys (those named
     * after the section, and its extra names). Two sections giving the same are equal, so a configuration loaded twice
     * from the same sources is equal to itself, and one an environment variable changes is not.
     */
    private Map<String, String> applicableEnv() {
        String prefix = ConfigLoader.envName(path) + "_";
        Map<String, String> out = new java.util.TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith(prefix) || extraEnv.containsValue(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigSection other && path.equals(other.path) && values.equals(other.values)
                && applicableEnv().equals(other.applicableEnv());
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(path, values, applicableEnv());
    }

    @Override
    public String toString() {
        // the keys set, never their values (a section may carry a token)
        return "ConfigSection[" + path + ", keys=" + new java.util.TreeSet<>(values.keySet()) + "]";
    }
}
