package cn.hotline12345.cti.platform.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code wallboard} section: the queue alarms' thresholds, for every queue and per queue
 * ({@code wallboard.queues.<id>.*}, ids from the dialplan contract).
 */
final class WallboardSection {

    private final Map<String, String> env;

    WallboardSection(Map<String, String> env) {
        this.env = env;
    }

    /** wallboard: the queue alarms' thresholds, for every queue and per queue ({@code wallboard.queues.<id>.*}). */
    CtiConfig.Wallboard bind(ConfigSection n) {
        CtiConfig.Wallboard.Thresholds defaults = thresholds(n, CtiConfig.Wallboard.Thresholds.DEFAULTS);
        n.markRead("queues");
        Object raw = n.values().get("queues");
        Map<String, CtiConfig.Wallboard.Thresholds> queues = new LinkedHashMap<>();
        if (raw != null) {
            ConfigLoader.castMap(raw, "wallboard.queues").forEach((id, v) -> {
                String path = "wallboard.queues." + id;
                if (cn.hotline12345.contract.HotlineQueue.byId(id).isEmpty()) {
                    throw new ConfigException(path + ": '" + id + "' is not a queue of the dialplan contract ("
                            + String.join(", ", cn.hotline12345.contract.HotlineQueue.ids()) + ")");
                }
                ConfigSection q = new ConfigSection(path, ConfigLoader.castMap(v, path), env, Map.of());
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
}
