package cn.hotline12345.cti.caller.api;

/** What kind of number a caller presented, after {@link PhoneNumbers#normalise(String)}. */
public enum NumberKind {
    /** A Chinese mobile: 11 digits starting 13..19. */
    MOBILE,
    /** A Chinese fixed line with its area code ({@code 0536xxxxxxxx} for Weifang). */
    FIXED,
    /** A service or short number (110, 12345, 95xxx, 400/800): not personal data. */
    SERVICE,
    /** A number outside mainland China, kept in {@code +<digits>} form. */
    INTERNATIONAL,
    /** No number: withheld, anonymous, unknown, empty. Never merged with any other call. */
    WITHHELD,
    /** Not a telephone number (letters, control characters, overlong, malformed). Never merged. */
    INVALID;

    /** Whether a number of this kind identifies a caller profile. */
    public boolean identifiesCaller() {
        return this == MOBILE || this == FIXED || this == SERVICE || this == INTERNATIONAL;
    }
}
