package cn.hotline12345.cti.caller.api;

import cn.hotline12345.cti.privacy.api.PhoneMasking;

import java.util.Objects;
import java.util.Optional;

/**
 * A caller's number after normalisation.
 *
 * @param kind       what kind of number it is
 * @param normalised the canonical form ({@code 13800138000}, {@code 053612345678}, {@code +14155550100},
 *                   {@code 12345}); null for {@link NumberKind#WITHHELD} and {@link NumberKind#INVALID}
 */
public record CallerNumber(NumberKind kind, String normalised) {

    public CallerNumber {
        Objects.requireNonNull(kind, "kind");
        if (kind.identifiesCaller() != (normalised != null)) {
            throw new IllegalArgumentException("a " + kind + " number " + (normalised == null ? "needs" : "has no")
                    + " normalised form");
        }
    }

    static final CallerNumber WITHHELD = new CallerNumber(NumberKind.WITHHELD, null);
    static final CallerNumber INVALID = new CallerNumber(NumberKind.INVALID, null);

    /**
     * The caller profile key, empty for withheld and invalid numbers: each such call stands alone and is
     * never merged with another.
     */
    public Optional<String> profileKey() {
        return Optional.ofNullable(normalised);
    }

    /** The number as it may be shown to anyone and logged: {@code 138****8000}, or the kind when there is none. */
    public String masked() {
        return normalised == null ? kind.name().toLowerCase(java.util.Locale.ROOT) : PhoneMasking.mask(normalised);
    }

    /** Never the full number: a record's toString ends up in logs and exception messages. */
    @Override
    public String toString() {
        return "CallerNumber[" + kind + " " + masked() + "]";
    }
}
