package cn.hotline12345.cti.matter.api;


import cn.hotline12345.cti.matter.internal.DispatchRules;
import java.util.List;

/**
 * A dispatch (派单) to handling units (art. 22, 24).
 *
 * @param leadUnitId  the proposed lead; when a city department and a county government are both named, the
 *                    city department leads regardless (art. 24) — see {@link DispatchRules}
 * @param coUnitIds   co-handling units (协办), may be empty
 * @param noReturn    the hotline settled a duty dispute and assigned it: the unit may not return it
 * @param workingDays a longer limit set by statute (art. 20 item 2), or null for the category's default
 */
public record DispatchOrder(String leadUnitId, List<String> coUnitIds, boolean noReturn, Integer workingDays) {

    public DispatchOrder {
        coUnitIds = coUnitIds == null ? List.of() : List.copyOf(coUnitIds);
    }
}
