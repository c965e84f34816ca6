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
 * <p>The dialplan of each PBX names itself: {@code agi://host/<script>?pbx=${HOTLINE_PBX}} with {@code HOTLINE_PBX}
 * in its {@code [globals]}. A named PBX must be configured, and when that PBX lists {@code agiSources}, the connection
 * must come from one of them (so one PBX cannot file its surveys under another). A session naming no PBX (an empty
 * {@code pbx=} too: the global is not set) falls back to the PBX whose {@code agiSources} hold the connection's
 * address, else to the only PBX when one is configured. Anything else is refused: the caller's dialplan goes on with
 * its defaults, and no call is filed under a guessed PBX. Immutable, thread-safe; no DNS (sources are IP literals).
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

    private final List<String> ids;
    private final Map<String, Set<InetAddress>> sources = new LinkedHashMap<>();

    public AgiPbxResolver(List<CtiConfig.Pbx> pbxs) {
        List<String> out = new ArrayList<>();
        for (CtiConfig.Pbx p : pbxs) {
            out.add(p.id());
            sources.put(p.id(), p.agiSources().stream().map(AgiPbxResolver::literal).collect(Collectors.toUnmodifiableSet()));
        }
        this.ids = List.copyOf(out);
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
            if (!allowed.isEmpty() && (from == null || !allowed.contains(from))) {
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
        if (ids.size() == 1 && sources.get(ids.get(0)).isEmpty()) {
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
