package cn.hotline12345.cti.platform.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code pbxs} list: each PBX's AMI address and account, its timing and the addresses its FastAGI
 * connections may come from; the first PBX also takes {@code CTI_AMI_*}.
 */
final class PbxSections {

    private final Map<String, String> env;

    PbxSections(Map<String, String> env) {
        this.env = env;
    }

    List<CtiConfig.Pbx> bind(Object raw) {
        List<Map<String, Object>> entries = new ArrayList<>();
        if (raw == null) {
            entries.add(new LinkedHashMap<>());
        } else if (raw instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                entries.add(ConfigLoader.castMap(list.get(i), "pbxs[" + i + "]"));
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
}
