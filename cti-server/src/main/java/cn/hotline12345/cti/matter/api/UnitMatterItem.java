package cn.hotline12345.cti.matter.api;

/**
 * One line of a unit's matter list (the unit portal): the matter, the unit's part in it and where it stands against
 * the deadline ({@code due} null when the unit is done with it).
 */
public record UnitMatterItem(MatterSummary matter, UnitShare share, DueState due) {
}
