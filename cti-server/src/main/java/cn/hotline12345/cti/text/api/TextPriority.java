package cn.hotline12345.cti.text.api;

/** The priority the intake text asks for (the matter slice maps it onto its own priority). */
public enum TextPriority {
    NORMAL,
    /** Needs a supervisor's attention soon (threats without a weapon or time, a trapped child without injury...). */
    HIGH,
    /** Danger to life now: alert a supervisor at once and consider 110/119/120 (fire, gas, self-harm, violence). */
    URGENT
}
