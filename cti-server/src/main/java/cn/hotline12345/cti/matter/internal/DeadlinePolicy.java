package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.matter.api.Urgency;

import java.util.EnumMap;
import java.util.Map;

/**
 * How many working days a matter gets (art. 20): {@code defaultDays} (5), unless a category has an
 * override (from configuration here, or from the {@code matter_deadline_rule} table, which wins) or the
 * dispatcher names a longer statutory limit. An urgent matter gets at most its urgency's days (issue 19: an urgent
 * matter had the same 5 working days as a normal one): 紧急 2 working days, 特急 1, unless configured otherwise.
 */
public record DeadlinePolicy(int defaultDays, Map<MatterCategory, Integer> overrides, Map<Urgency, Integer> urgencyDays) {

    /** The hotline's urgency limits: 紧急 within 2 working days, 特急 within 1. */
    public static final Map<Urgency, Integer> STANDARD_URGENCY = Map.of(Urgency.URGENT, 2, Urgency.VERY_URGENT, 1);

    public DeadlinePolicy {
        if (defaultDays < 1) {
            throw new IllegalArgumentException("defaultDays must be at least 1");
        }
        overrides = Map.copyOf(overrides);
        urgencyDays = Map.copyOf(urgencyDays);
        urgencyDays.values().forEach(d -> {
            if (d < 1) {
                throw new IllegalArgumentException("urgency days must be at least 1");
            }
        });
    }

    /** With the standard urgency limits. */
    public DeadlinePolicy(int defaultDays, Map<MatterCategory, Integer> overrides) {
        this(defaultDays, overrides, STANDARD_URGENCY);
    }

    /** Five working days for every category; 2 for urgent, 1 for very urgent matters. */
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

    /** The working days of a matter of this category and urgency: the category's, shortened by urgency. */
    public int daysFor(int categoryDays, Urgency urgency) {
        Integer u = urgency == null ? null : urgencyDays.get(urgency);
        return u == null ? categoryDays : Math.min(categoryDays, u);
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
