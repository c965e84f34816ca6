package cn.hotline12345.cti.privacy.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneMaskingGroupedTest {

    @Test
    void masksMobilesWrittenInGroups() {
        assertThat(PhoneMasking.maskInText("call me on 138 0013 8000 or 139-0013-9000"))
                .isEqualTo("call me on 138****8000 or 139****9000");
    }

    @Test
    void leavesDatesAndShortNumbersAlone() {
        assertThat(PhoneMasking.maskInText("2026-03-02 dial 12345 or 110")).isEqualTo("2026-03-02 dial 12345 or 110");
    }
}
