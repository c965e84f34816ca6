package cn.hotline12345.cti.privacy.api;

/** The role of whoever acts on personal data; {@link #SYSTEM} is an automatic rule. */
public enum StaffRole {
    AGENT, SUPERVISOR, ENGINEER, ADMIN, UNIT, SYSTEM
}
