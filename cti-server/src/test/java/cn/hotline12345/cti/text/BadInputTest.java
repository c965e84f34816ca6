package cn.hotline12345.cti.text;

import cn.hotline12345.cti.text.api.DispatchRequest;
import cn.hotline12345.cti.text.api.DispatchSuggestion;
import cn.hotline12345.cti.text.api.Segmenter;
import cn.hotline12345.cti.text.api.Token;
import cn.hotline12345.cti.text.internal.TextEngine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Every entry point of the engine with input nobody should send: a clear result, no exception, nothing disturbed. */
class BadInputTest {

    private static final String HUNDRED_KB = "暖气不热".repeat(25_600);

    @Test
    void segmentationOfEmptyHugeForeignAndControlText() {
        Segmenter s = TextFixtures.fresh().segmenter();
        assertThat(s.segment(null)).isEmpty();
        assertThat(s.segment("")).isEmpty();
        assertThat(s.segment(" \t\n")).isEmpty();
        List<Token> huge = s.segment(HUNDRED_KB);
        assertThat(huge).isNotEmpty();
        assertThat(huge.get(huge.size() - 1).offset()).isLessThan(Segmenter.MAX_TEXT_LENGTH);
        assertThat(s.segment("Heating is broken since Monday!")).isNotEmpty().allMatch(t -> !t.word().isBlank());
        assertThat(s.segment("暖气\u0000不热\u001b[2J\u0007")).extracting(Token::word).contains("暖气", "不热")
                .noneMatch(w -> w.chars().anyMatch(Character::isISOControl));
    }

    @Test
    void randomCharactersNeverBreakAnyPart() {
        TextEngine engine = TextFixtures.trained();
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(300);
            for (int j = 0; j < n; j++) {
                b.append((char) random.nextInt(0x10000));
            }
            String text = b.toString();
            engine.segmenter().segment(text);
            engine.urgency().screen(text);
            engine.dispatch().suggest(new DispatchRequest(text, text, text, text), 3);
        }
    }

    @Test
    void dispatchOfEmptyHugeForeignTextAndUnknownDistrict() {
        TextEngine engine = TextFixtures.trained();
        DispatchSuggestion nothing = engine.dispatch().suggest(null, 3);
        assertThat(nothing.notes()).contains("事项文本为空");
        assertThat(nothing.units()).hasSize(3);

        DispatchSuggestion empty = engine.dispatch().suggest(new DispatchRequest("", null, "", null), 0);
        assertThat(empty.units()).hasSize(1);
        assertThat(empty.notes()).contains("事项文本为空");

        DispatchSuggestion huge = engine.dispatch().suggest(new DispatchRequest(null, HUNDRED_KB, "奎文区", "投诉"), 99);
        assertThat(huge.notes()).anyMatch(n -> n.contains("超过4000字"));
        assertThat(huge.units()).hasSizeLessThanOrEqualTo(20);
        assertThat(huge.units().get(0).unit()).isEqualTo("市供热公司");

        DispatchSuggestion english = engine.dispatch().suggest(new DispatchRequest("No heating", "since Monday", null, null), 3);
        assertThat(english.notes()).contains("事项文本中没有中文内容，无法按文本推荐");

        DispatchSuggestion mars = engine.dispatch().suggest(
                new DispatchRequest(null, "暖气不热", "火星区\u0000\u001b[31m", "外星人来访"), 3);
        assertThat(mars.notes()).contains("未知区域“火星区  [31m”，推荐未参考区域", "未知类别“外星人来访”，推荐未参考类别");
        assertThat(mars.units().get(0).unit()).isEqualTo("市供热公司");
    }
}
