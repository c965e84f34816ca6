package cn.hotline12345.cti.privacy.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneMaskingTest {

    @Test
    void masksMobilesFixedLinesAndPrefixes() {
        assertThat(PhoneMasking.mask("13800138000")).isEqualTo("138****8000");
        assertThat(PhoneMasking.mask("+8613800138000")).isEqualTo("+86138****8000");
        assertThat(PhoneMasking.mask("008613800138000")).isEqualTo("0086138****8000");
        assertThat(PhoneMasking.mask("053612345678")).isEqualTo("053****5678");
        assertThat(PhoneMasking.mask("12345")).isEqualTo("12345");
        assertThat(PhoneMasking.mask("110")).isEqualTo("110");
        assertThat(PhoneMasking.mask("")).isEmpty();
        assertThat(PhoneMasking.mask(null)).isNull();
    }

    @Test
    void masksNumbersInsideTextButNotAsteriskIds() {
        String line = "call 1795623661.16 from 13800138000 to 12345, callback +8615000150000; fixed 053612345678";
        String masked = PhoneMasking.maskInText(line);
        assertThat(masked).contains("1795623661.16")
                .contains("138****8000")
                .contains("+86150****0000")
                .contains("053****5678")
                .doesNotContain("13800138000")
                .doesNotContain("15000150000")
                .doesNotContain("053612345678");
    }
}
