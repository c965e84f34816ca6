package cn.hotline12345.ivr;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgiTextTest {

    @Test
    void stripsCrLfAndControlCharacters() {
        assertThat(AgiText.clean("张三\r\nHANGUP\n\0\u0007\u001b[2J\u0085\u2028x")).isEqualTo("张三HANGUP[2Jx");
    }

    @Test
    void capsLengthInCodePointsWithoutSplittingSurrogatePairs() {
        String tenKb = "a".repeat(10_240);
        assertThat(AgiText.clean(tenKb)).hasSize(256);
        String emoji = "😀".repeat(300);
        String cleaned = AgiText.clean(emoji);
        assertThat(cleaned.codePointCount(0, cleaned.length())).isEqualTo(256);
        assertThat(Character.isHighSurrogate(cleaned.charAt(cleaned.length() - 1))).isFalse();
    }

    @Test
    void dropsLoneSurrogatesAndReplacementCharacters() {
        assertThat(AgiText.clean("a\uD800b\uDC00c\uFFFDd\uFEFF")).isEqualTo("abcd");
    }

    @Test
    void nullBecomesEmpty() {
        assertThat(AgiText.clean(null)).isEmpty();
        assertThat(AgiText.digits(null)).isEmpty();
        assertThat(AgiText.soundFile(null)).isNull();
        assertThat(AgiText.parseLong(null)).isNull();
    }

    @Test
    void digitsKeepsOnlyDigitsAndCaps() {
        assertThat(AgiText.digits("+86 138-0013\r\n8000;EXEC")).isEqualTo("8613800138000");
        assertThat(AgiText.digits("1".repeat(1000))).hasSize(AgiText.MAX_DIGITS);
        assertThat(AgiText.dtmf("12#*x9", 10)).isEqualTo("12#*9");
    }

    @Test
    void soundFileAcceptsOnlySafeRelativeNames() {
        assertThat(AgiText.soundFile("hotline/welcome-24h")).isEqualTo("hotline/welcome-24h");
        assertThat(AgiText.soundFile("../../etc/passwd")).isNull();
        assertThat(AgiText.soundFile("/etc/passwd")).isNull();
        assertThat(AgiText.soundFile("a b")).isNull();
        assertThat(AgiText.soundFile("a\"\nEXEC")).isNull();
        assertThat(AgiText.soundFile("x".repeat(200))).isNull();
    }

    @Test
    void quoteEscapesQuotesAndBackslashes() {
        assertThat(AgiText.quote("say \"hi\" \\ bye\r\n")).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
    }

    @Test
    void parseLongAcceptsOnlyIntegers() {
        assertThat(AgiText.parseLong("42")).isEqualTo(42L);
        assertThat(AgiText.parseLong("-7")).isEqualTo(-7L);
        assertThat(AgiText.parseLong("4 2")).isNull();
        assertThat(AgiText.parseLong("99999999999999999999")).isNull();
        assertThat(AgiText.parseLong("-")).isNull();
    }

    @Test
    void variableNames() {
        assertThat(AgiText.isVariableName("HOTLINE_NEXT")).isTrue();
        assertThat(AgiText.isVariableName("1ABC")).isFalse();
        assertThat(AgiText.isVariableName("A B")).isFalse();
        assertThat(AgiText.isReadableVariable("CALLERID(num)")).isTrue();
        assertThat(AgiText.isReadableVariable("SHELL(rm -rf)")).isFalse();
    }

    @Test
    void masksNumbers() {
        assertThat(AgiText.maskNumber("13800138000")).isEqualTo("138****8000");
        assertThat(AgiText.maskNumber("110")).isEqualTo("****");
    }
}
