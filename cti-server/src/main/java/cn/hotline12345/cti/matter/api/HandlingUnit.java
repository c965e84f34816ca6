package cn.hotline12345.cti.matter.api;

/**
 * 承办单位 = handling unit: a city department or a county government that handles matters.
 *
 * @param phone the number the hotline transfers a caller to for this unit (digits), or null
 */
public record HandlingUnit(String id, String name, UnitLevel level, boolean active, String phone) {

    /** Without a number to transfer callers to. */
    public HandlingUnit(String id, String name, UnitLevel level, boolean active) {
        this(id, name, level, active, null);
    }
}
