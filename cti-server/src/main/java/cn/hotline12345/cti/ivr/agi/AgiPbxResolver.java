package cn.hotline12345.cti.ivr.agi;

import cn.hotline12345.cti.platform.config.CtiConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which configured PBX a FastAGI session comes from, so its call is keyed {@code (pbx, uniqueid)} like AMI keys it.
 *
 * <p>Each PBX's FastAGI connections come from its {@code agiSources}, or, when it lists none, from the addresses of
 * its AMI {@code host} (resolved once, here, at start); {@code [any]} accepts any address for that PBX. A connection
 * from an address no PBX accepts is closed before it takes any slot ({@link #allowsSource}, issue 20 item 7: any
 * host could otherwise claim a caller ID and hear that number's open matters read out).
 *
 * <p>The dialplan of each PBX names itself: {@code agi://host/<script>?pbx=${HOTLINE_PBX}} with {@code HOTLINE_PBX}
 * in its {@code [globals]}. A named PBX must be configured, and the connection must come from one of its sources (so
 * one PBX cannot file its surveys under another). A session naming no PBX (an empty {@code pbx=} too: the global is
 * not set) falls back to the PBX whose sources hold the connection's address, else to the only PBX when it accepts
 * any address. Anything else is refused: the caller's dialplan goes on with its defaults, and no call is filed under
 * a guessed PBX. Immutable, thread-safe; no DNS after construction.
 */
public final class AgiPbxResolver {

    /** The outcome: a PBX id, or why there is none (for the log; never shown to a caller). */
    record Resolution(String pbxId, String problem) {
        static Resolution of(String pbxId) {
            return new Resolution(pbxId, null);
        }

        static Resolution refused(String problem) {
            return new Resolution(null, problem);
        }

        boolean refused() {
            return pbxId == null;
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AgiPbxResolver.class);

    private final List<String> ids;
    private final Map<String, Set<InetAddress>> sources = new LinkedHashMap<>();
    private final Set<String> fromAnywhere = new java.util.HashSet<>();
    private final Set<InetAddress> allSources = new java.util.HashSet<>();

    /** Resolves the hosts of PBXs without {@code agiSources} through the system resolver, once. */
    public AgiPbxResolver(List<CtiConfig.Pbx> pbxs) {
        this(pbxs, AgiPbxResolver::lookup);
    }

    /** With a given host resolver (tests). */
    AgiPbxResolver(List<CtiConfig.Pbx> pbxs, java.util.function.Function<String, List<InetAddress>> dns) {
        List<String> out = new ArrayList<>();
        for (CtiConfig.Pbx p : pbxs) {
            out.add(p.id());
            Set<InetAddress> set;
            if (p.agiSources().equals(List.of("any"))) {
                fromAnywhere.add(p.id());
                set = Set.of();
            } else if (p.agiSources().isEmpty()) {
                InetAddress literal = literalOrNull(p.host());
                set = literal != null ? Set.of(literal) : Set.copyOf(dns.apply(p.host()));
                if (set.isEmpty()) {
                    LOG.warn("FastAGI: the host '{}' of PBX {} does not resolve and it lists no pbxs[].agiSources: its"
                            + " FastAGI connections will be refused", p.host(), p.id());
                }
            } else {
                set = p.agiSources().stream().map(AgiPbxResolver::literal).collect(Collectors.toUnmodifiableSet());
            }
            sources.put(p.id(), set);
            allSources.addAll(set);
        }
        this.ids = List.copyOf(out);
    }

    private static List<InetAddress> lookup(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    /**
     * Whether a connection from this peer may proceed at all: its address is a source of some PBX (or a PBX accepts
     * any). Checked on accept, before the connection holds any slot.
     */
    boolean allowsSource(String remoteHost) {
        if (!fromAnywhere.isEmpty()) {
            return true;
        }
        InetAddress from = remoteHost == null ? null : literalOrNull(remoteHost);
        return from != null && allSources.contains(from);
    }

    /** The addresses each PBX accepts, as the start-up log shows them. */
    public String describeSourcesForLog() {
        return describeSources().toString();
    }

    /** The addresses each PBX accepts. */
    Map<String, List<String>> describeSources() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        sources.forEach((id, set) -> out.put(id, fromAnywhere.contains(id) ? List.of("any")
                : set.stream().map(InetAddress::getHostAddress).sorted().toList()));
        return out;
    }

    /**
     * @param env        the session's environment ({@code agi_network_script} may carry {@code ?pbx=<id>})
     * @param remoteHost the connection's peer address (an IP literal), or null when unknown
     */
    Resolution resolve(AgiEnvironment env, String remoteHost) {
        List<String> named = env.scriptParameter("pbx");
        if (named.size() > 1) {
            return Resolution.refused("pbx named " + named.size() + " times");
        }
        InetAddress from = remoteHost == null ? null : literalOrNull(remoteHost);
        String id = named.isEmpty() ? "" : named.get(0);
        if (!id.isEmpty()) {
            if (!ids.contains(id)) {
                return Resolution.refused("unknown pbx '" + shown(id) + "'");
            }
            Set<InetAddress> allowed = sources.get(id);
            if (!fromAnywhere.contains(id) && (from == null || !allowed.contains(from))) {
                return Resolution.refused("pbx '" + id + "' named from " + remoteHost + ", not one of its agiSources");
            }
            return Resolution.of(id);
        }
        if (from != null) {
            for (Map.Entry<String, Set<InetAddress>> e : sources.entrySet()) {
                if (e.getValue().contains(from)) {
                    return Resolution.of(e.getKey());
                }
            }
        }
        if (ids.size() == 1 && fromAnywhere.contains(ids.get(0))) {
            return Resolution.of(ids.get(0));
        }
        return Resolution.refused("no pbx named and " + remoteHost + " is in no PBX's agiSources");
    }

    /** A claimed id is echoed to the log only when it has the shape of an id. */
    private static String shown(String id) {
        return id.matches("[a-z0-9][a-z0-9_-]{0,31}") ? id : "(" + id.length() + " characters, not an id)";
    }

    private static InetAddress literal(String ip) {
        InetAddress a = literalOrNull(ip);
        if (a == null) {
            throw new IllegalArgumentException("agiSources: '" + ip + "' is not an IP address");
        }
        return a;
    }

    /** Parses an IP literal; a name (which would need DNS) is null. */
    private static InetAddress literalOrNull(String ip) {
        if (ip == null || ip.isEmpty() || !ip.matches("[0-9A-Fa-f:.%]+") || !(ip.contains(".") || ip.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
