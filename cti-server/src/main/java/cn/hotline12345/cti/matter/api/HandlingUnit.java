package cn.hotline12345.cti.matter.api;

/** 承办单位 = handling unit: a city department or a county government that handles matters. */
public record HandlingUnit(String id, String name, UnitLevel level, boolean active) {
}
