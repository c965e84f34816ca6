package cn.hotline12345.cti.text.api;

/** A reason to raise a matter's priority and alert a supervisor, found in the intake text. */
public enum UrgencyFlag {
    THREAT("威胁或报复言论"),
    SELF_HARM("轻生倾向"),
    FIRE("火情"),
    GAS_LEAK("燃气泄漏"),
    VIOLENCE("暴力伤害"),
    CHILD_IN_DANGER("儿童处于危险"),
    ELDERLY_IN_DANGER("老人处于危险");

    private final String label;

    UrgencyFlag(String label) {
        this.label = label;
    }

    /** The flag as a supervisor reads it. */
    public String label() {
        return label;
    }
}
