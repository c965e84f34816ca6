package cn.hotline12345.cti.privacy.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22 item 5: the log masker masked digits that are no phone number (a PBX id came out as
 * {@code bench-pipeline-180****0000}, a pool connection as {@code PgConnection@419****3944}). Identifiers keep their
 * digits; numbers in every place a number is written are still masked.
 */
class PhoneMaskingIdentifiersTest {

    @Test
    void identifiersKeepTheirDigits() {
        for (String id : new String[] {"bench-pipeline-18000000000", "PBX bench-pipeline-18000000000 link down",
                "org.postgresql.jdbc.PgConnection@4193283944", "node18000000000", "pbx_13800138000",
                "request 550e8400-e29b-41d4-a716-446655440000 done", "agent-1001-13800138000x"}) {
            assertThat(PhoneMasking.maskInText(id)).as(id).isEqualTo(id);
        }
    }

    @Test
    void numbersWrittenAsNumbersAreStillMasked() {
        assertThat(PhoneMasking.maskInText("from 13800138000")).isEqualTo("from 138****8000");
        assertThat(PhoneMasking.maskInText("caller=13800138000,queue=q-general")).isEqualTo("caller=138****8000,queue=q-general");
        assertThat(PhoneMasking.maskInText("CallerIDNum: 13800138000")).isEqualTo("CallerIDNum: 138****8000");
        assertThat(PhoneMasking.maskInText("Dial(PJSIP/13800138000@trunk)")).isEqualTo("Dial(PJSIP/138****8000@trunk)");
        assertThat(PhoneMasking.maskInText("来电13800138000反映")).isEqualTo("来电138****8000反映");
        assertThat(PhoneMasking.maskInText("\"13800138000\"")).isEqualTo("\"138****8000\"");
        assertThat(PhoneMasking.maskInText("fixed 0536-12345678")).isEqualTo("fixed 0536-123****5678");
        assertThat(PhoneMasking.maskInText("[+8613800138000]")).isEqualTo("[+86138****8000]");
        assertThat(PhoneMasking.maskInText("mobile 138-0013-8000")).isEqualTo("mobile 138****8000");
    }

    @Test
    void aGroupedMobileInsideAnIdentifierIsLeftAlone() {
        assertThat(PhoneMasking.maskInText("build-138-0013-8000")).isEqualTo("build-138-0013-8000");
    }
}
