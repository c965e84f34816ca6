package cn.hotline12345.cti.caller.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

    private static void expect(String raw, NumberKind kind, String norm) {
        CallerNumber n = PhoneNumbers.normalise(raw);
        assertThat(n.kind()).as("kind of %s", raw).isEqualTo(kind);
        assertThat(n.normalised()).as("normalised %s", raw).isEqualTo(norm);
    }

    @Test
    void plainMobile() {
        expect("13800138000", NumberKind.MOBILE, "13800138000");
    }

    @Test
    void mobileWithPlus86() {
        expect("+8613800138000", NumberKind.MOBILE, "13800138000");
    }

    @Test
    void mobileWith0086() {
        expect("008613800138000", NumberKind.MOBILE, "13800138000");
    }

    @Test
    void mobileWithBare86() {
        expect("8613800138000", NumberKind.MOBILE, "13800138000");
    }

    @Test
    void mobileWithSpacesDashesParentheses() {
        expect(" (+86) 138-0013 8000 ", NumberKind.MOBILE, "13800138000");
    }

    @Test
    void mobileDialledWithTrunkZero() {
        expect("013800138000", NumberKind.MOBILE, "13800138000");
    }

    @Test
    void weifangFixedLineWithAreaCode() {
        expect("0536-12345678", NumberKind.FIXED, "053612345678");
    }

    @Test
    void localNumberWithoutAreaCodeIsWeifangs() {
        expect("8123456", NumberKind.FIXED, "05368123456");
        expect("81234567", NumberKind.FIXED, "053681234567");
    }

    @Test
    void fixedLineInE164DropsTheTrunkZero() {
        expect("+86 536 1234 5678", NumberKind.FIXED, "053612345678");
        expect("+861012345678", NumberKind.FIXED, "01012345678");
    }

    @Test
    void otherCityFixedLine() {
        expect("010-12345678", NumberKind.FIXED, "01012345678");
    }

    @Test
    void serviceNumbers() {
        expect("110", NumberKind.SERVICE, "110");
        expect("12345", NumberKind.SERVICE, "12345");
        expect("95588", NumberKind.SERVICE, "95588");
        expect("4001234567", NumberKind.SERVICE, "4001234567");
    }

    @Test
    void internationalWithPlus() {
        expect("+1 415 555 0100", NumberKind.INTERNATIONAL, "+14155550100");
    }

    @Test
    void internationalWithDoubleZero() {
        expect("00442071234567", NumberKind.INTERNATIONAL, "+442071234567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anonymous", "Anonymous", "unknown", "<unknown>", "restricted", "  ", ""})
    void withheldMarkers(String raw) {
        expect(raw, NumberKind.WITHHELD, null);
        assertThat(PhoneNumbers.normalise(raw).profileKey()).isEmpty();
    }

    @Test
    void nullIsWithheld() {
        expect(null, NumberKind.WITHHELD, null);
    }

    @Test
    void shortNumberIsInvalid() {
        expect("1234", NumberKind.INVALID, null);
        expect("5", NumberKind.INVALID, null);
    }

    @Test
    void overlongIsInvalid() {
        expect("1".repeat(33), NumberKind.INVALID, null);
        expect("1380013800013800138000", NumberKind.INVALID, null);
        expect("+" + "9".repeat(20), NumberKind.INVALID, null);
    }

    @Test
    void lettersAreInvalid() {
        expect("1380013800O", NumberKind.INVALID, null);
        expect("abc13800138000", NumberKind.INVALID, null);
        expect("sip:13800138000@pbx", NumberKind.INVALID, null);
    }

    @Test
    void crLfAndControlCharactersAreInvalid() {
        expect("13800138000\r\nAction: Originate", NumberKind.INVALID, null);
        expect("13800138000\n", NumberKind.INVALID, null);
        expect("1380\u00000138000", NumberKind.INVALID, null);
        expect("138\u200B00138000", NumberKind.INVALID, null);
    }

    @Test
    void fullWidthDigitsFromAChineseImeAreAccepted() {
        expect("\uFF11\uFF13\uFF18\uFF10\uFF10\uFF11\uFF13\uFF18\uFF10\uFF10\uFF10", NumberKind.MOBILE, "13800138000");
    }

    @Test
    void otherUnicodeDigitsAreInvalid() {
        // Arabic-Indic and Devanagari digits: Character.isDigit says yes, we say no
        expect("\u0661\u0663\u0668\u0660\u0660\u0661\u0663\u0668\u0660\u0660\u0660", NumberKind.INVALID, null);
        expect("\u0967\u0969\u096E00138000", NumberKind.INVALID, null);
    }

    @Test
    void misplacedPlusIsInvalid() {
        expect("138+00138000", NumberKind.INVALID, null);
        expect("++8613800138000", NumberKind.INVALID, null);
    }

    @Test
    void maskedFormNeverShowsTheWholeNumber() {
        CallerNumber n = PhoneNumbers.normalise("13800138000");
        assertThat(n.masked()).isEqualTo("138****8000");
        assertThat(n.toString()).doesNotContain("13800138000");
        assertThat(PhoneNumbers.normalise("anonymous").masked()).isEqualTo("withheld");
    }
}
