package cn.hotline12345.cti.caller.api;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersPropertiesTest {

    @Provide
    Arbitrary<String> mobiles() {
        return Combinators.combine(Arbitraries.integers().between(3, 9), Arbitraries.strings().numeric().ofLength(9))
                .as((second, rest) -> "1" + second + rest);
    }

    @Provide
    Arbitrary<String> decorated() {
        Arbitrary<String> prefix = Arbitraries.of("", "+86", "0086", "86", "+86 ", "(+86) ");
        return Combinators.combine(prefix, mobiles(), Arbitraries.of("", " ", "-"))
                .as((p, m, sep) -> p + m.substring(0, 3) + sep + m.substring(3, 7) + sep + m.substring(7));
    }

    @Provide
    Arbitrary<String> anything() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789+-() ").ofMaxLength(24),
                Combinators.combine(Arbitraries.of("", "+", "00", "0", "+86", "86", "0536", "010"),
                        Arbitraries.strings().numeric().ofMinLength(3).ofMaxLength(13)).as((a, b) -> a + b),
                Arbitraries.strings().all().ofMaxLength(20));
    }

    @Property(tries = 500)
    void neverThrowsAndNeverReturnsNull(@ForAll("anything") String raw) {
        CallerNumber n = PhoneNumbers.normalise(raw);
        assertThat(n).isNotNull();
        assertThat(n.kind().identifiesCaller()).isEqualTo(n.normalised() != null);
    }

    @Property(tries = 1000, maxDiscardRatio = 20)
    void isIdempotent(@ForAll("anything") String raw) {
        CallerNumber n = PhoneNumbers.normalise(raw);
        Assume.that(n.profileKey().isPresent());
        assertThat(PhoneNumbers.normalise(n.normalised())).isEqualTo(n);
    }

    @Property(tries = 300)
    void decoratedMobilesAreIdempotentToo(@ForAll("decorated") String raw) {
        CallerNumber n = PhoneNumbers.normalise(raw);
        assertThat(n.kind()).isEqualTo(NumberKind.MOBILE);
        assertThat(PhoneNumbers.normalise(n.normalised())).isEqualTo(n);
    }

    @Property(tries = 500)
    void twoDifferentMobilesNeverShareAKey(@ForAll("mobiles") String a, @ForAll("mobiles") String b,
                                           @ForAll("decorated") String c) {
        Assume.that(!a.equals(b));
        assertThat(PhoneNumbers.normalise(a).profileKey()).isNotEqualTo(PhoneNumbers.normalise(b).profileKey());
        // a decorated form keys to exactly its own digits
        String digits = c.replaceAll("[^0-9]", "");
        String mobile = digits.substring(digits.length() - 11);
        assertThat(PhoneNumbers.normalise(c).normalised()).isEqualTo(mobile);
    }
}
