package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.DispatchOrder;
import cn.hotline12345.cti.matter.api.HandlingUnit;

import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.UnitLevel;
import cn.hotline12345.cti.matter.api.UnitRole;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who leads a matter with several units (art. 22, 24): the proposed lead, unless it is a county
 * government and a city department is among the units — then the first city department named leads and
 * the county government co-handles (art. 24 para. 1).
 */
public final class DispatchRules {

    private DispatchRules() {
    }

    /** The assignments, lead first; throws INVALID naming the field for unknown or inactive units. */
    public static List<MatterChange.Assignment> assign(DispatchOrder order, Map<String, HandlingUnit> units) {
        if (order.leadUnitId() == null || order.leadUnitId().isBlank()) {
            throw MatterException.invalid("leadUnitId", "required");
        }
        check("leadUnitId", order.leadUnitId(), units);
        Set<String> all = new LinkedHashSet<>();
        all.add(order.leadUnitId());
        for (String co : order.coUnitIds()) {
            check("coUnitIds", co, units);
            all.add(co);
        }
        String lead = order.leadUnitId();
        if (units.get(lead).level() == UnitLevel.COUNTY) {
            lead = all.stream().filter(id -> units.get(id).level() == UnitLevel.CITY).findFirst().orElse(lead);
        }
        List<MatterChange.Assignment> out = new ArrayList<>();
        out.add(new MatterChange.Assignment(lead, UnitRole.LEAD));
        for (String id : all) {
            if (!id.equals(lead)) {
                out.add(new MatterChange.Assignment(id, UnitRole.CO));
            }
        }
        return out;
    }

    private static void check(String field, String id, Map<String, HandlingUnit> units) {
        HandlingUnit u = units.get(id);
        if (u == null || !u.active()) {
            throw MatterException.invalid(field, "no active handling unit '" + id + "'");
        }
    }
}
