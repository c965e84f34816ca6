package cn.hotline12345.cti.text.api;

/** A topic's count against the previous window of the same length. */
public enum Trend {
    /** Absent (fewer than two matters) in the previous window. */
    NEW,
    /** At least half as many again as in the previous window. */
    RISING,
    /** Within the bands of RISING and FALLING. */
    STEADY,
    /** At most two thirds of the previous window. */
    FALLING
}
