package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.MatterCategory;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many working days a matter gets (art. 20): {@code defaultDays} (5), unless a category has an
 * override (from configuration here, or from the {@code matter_deadline_rule} table, which wins) or the
 * dispatcher names a longer statutory limit.
 */
public record DeadlinePolicy(int defaultDays, Map<MatterCategory, Integer> overrides) {

    public DeadlinePolicy {
        if (defaultDays < 1) {
            throw new IllegalArgumentException("defaultDays must be at least 1");
        }
        overrides = Map.copyOf(overrides);
    }

    /** Five working days for every category. */
    public static DeadlinePolicy standard() {
        return new DeadlinePolicy(5, Map.of());
    }

    /** The working days for a category, with the data-driven rules laid over this policy. */
    public int daysFor(MatterCategory category, Map<MatterCategory, Integer> dataRules) {
        Integer d = dataRules.get(category);
        if (d == null) {
            d = overrides.get(category);
        }
        return d == null ? defaultDays : d;
    }

    /** Combines the configured overrides with data rules (data wins). */
    public Map<MatterCategory, Integer> effective(Map<MatterCategory, Integer> dataRules) {
        Map<MatterCategory, Integer> m = new EnumMap<>(MatterCategory.class);
        for (MatterCategory c : MatterCategory.values()) {
            m.put(c, daysFor(c, dataRules));
        }
        return m;
    }
}
