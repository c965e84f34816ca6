package cn.hotline12345.cti.text.api;

/** A name (district, unit, place) and how many matters of a topic have it. */
public record NameCount(String name, int count) {
}
