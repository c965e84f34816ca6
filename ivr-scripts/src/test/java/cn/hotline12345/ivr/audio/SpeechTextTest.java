package cn.hotline12345.ivr.audio;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the synthesizer is given to read. */
class SpeechTextTest {

    private final SpeechText text = SpeechText.standard();

    @Test
    void serviceNumbersAreReadDigitByDigitAndSmallNumbersAsNumbers() throws SpeechException {
        assertThat(text.prepare("欢迎致电12345政务服务便民热线，本热线24小时为您服务")).isEqualTo("欢迎致电幺二三四五政务服务便民热线，本热线24小时为您服务");
        assertThat(text.prepare("拨打110、119、120或122；请按9")).isEqualTo("拨打幺幺零、幺幺九、幺二零或幺二二；请按9");
        assertThat(text.prepare("１２３４５")).isEqualTo("幺二三四五"); // full-width digits
        assertThat(text.prepare("自1998年起")).isEqualTo("自一九九八年起");
    }

    @Test
    void lexiconWordsBecomePinyinAndTheLongestWins() throws SpeechException {
        assertThat(text.prepare("重新收听请按1")).isEqualTo("chong2 xin1 收听请按1");
        assertThat(text.prepare("潍坊市")).isEqualTo("wei2 fang1 市");
        SpeechText custom = SpeechText.withLexicon(Map.of("银行", "yin2 hang2", "银行卡", "yin2 hang2 ka3"));
        assertThat(custom.prepare("银行卡和银行")).isEqualTo("yin2 hang2 ka3 和 yin2 hang2");
        assertThat(text.lexicon()).containsEntry("处理", "chu3 li3");
    }

    @Test
    void controlCharactersGoAndLineBreaksPause() throws SpeechException {
        assertThat(text.prepare("第一行\n第二行\u0007\u200b")).isEqualTo("第一行，第二行");
        assertThat(text.prepare("-v 开头")).isEqualTo("-v 开头"); // stdin, so never an option for the program
    }

    @Test
    void nothingToSayOrTooMuchIsRefused() {
        for (String bad : new String[]{"", "   ", "。，！", "\n\n"}) {
            assertThatThrownBy(() -> text.prepare(bad)).as("'%s'", bad).isInstanceOf(SpeechException.class)
                    .satisfies(e -> assertThat(((SpeechException) e).kind()).isEqualTo(SpeechException.Kind.BAD_TEXT));
        }
        assertThatThrownBy(() -> text.prepare(null)).isInstanceOf(SpeechException.class);
        assertThatThrownBy(() -> text.prepare("长".repeat(SpeechText.MAX_CHARS + 1)))
                .hasMessageContaining("longer than " + SpeechText.MAX_CHARS);
    }
}
