package cn.hotline12345.cti.text;

import cn.hotline12345.cti.text.api.FlagHit;
import cn.hotline12345.cti.text.api.TextPriority;
import cn.hotline12345.cti.text.api.UrgencyAssessment;
import cn.hotline12345.cti.text.api.UrgencyFlag;
import cn.hotline12345.cti.text.api.UrgencyScreen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UrgencyScreenTest {

    private final UrgencyScreen screen = TextFixtures.fresh().urgency();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "我真的不想活了，工资要不回来, SELF_HARM",
            "再不给我解决我就从楼上跳下去，我去跳楼, SELF_HARM",
            "他说活着没意思想轻生, SELF_HARM",
            "我真的 不 想 活 了！, SELF_HARM",
            "我不想活了, SELF_HARM",
            "我要跟他们同归于尽, THREAT",
            "不给钱我就报复他们, THREAT",
            "楼下饭店着火了，冒着浓烟, FIRE",
            "三楼有个房子起火了, FIRE",
            "楼道里有很大的煤气味, GAS_LEAK",
            "我怀疑燃气泄漏了，一股味道, GAS_LEAK",
            "邻居家暴打老婆，一直在喊救命, VIOLENCE",
            "有人在小区门口持刀伤人, VIOLENCE",
            "孩子被锁在车里出不来了, CHILD_IN_DANGER",
            "小孩掉进下水井里了, CHILD_IN_DANGER",
            "独居老人摔倒在家里起不来, ELDERLY_IN_DANGER",
            "隔壁老人好几天没见出门了，联系不上, ELDERLY_IN_DANGER"
    })
    void dangerIsFlagged(String text, UrgencyFlag flag) {
        UrgencyAssessment a = screen.screen(text);
        assertThat(a.flags()).contains(flag);
        assertThat(a.priority()).isNotEqualTo(TextPriority.NORMAL);
        assertThat(a.summary()).startsWith("检测到：").contains(flag.label());
        assertThat(a.hits()).allSatisfy(h -> assertThat(text.substring(h.offset(), h.offset() + h.matched().length()))
                .isEqualTo(h.matched()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "小区的防火门被锁住了，消防通道也被堵",
            "商场搞跳楼价大甩卖，广告车太吵",
            "楼下火锅店油烟太大",
            "燃气灶打不着火，想问怎么维修",
            "电动车轮胎漏气了，想找个修车的地方",
            "疫情后报复性消费，商家乱涨价",
            "消防通道被占，万一着火消防车都进不来",
            "烧烤摊烟大得跟着火了似的",
            "油烟威胁居民健康，希望处理",
            "工厂烟囱冒烟，有刺鼻气味",
            "暖气片漏气，家里不热",
            "电话被打断了好几次，没说完"
    })
    void harmlessCompoundsAndHypotheticalsAreNotFlagged(String text) {
        UrgencyAssessment a = screen.screen(text);
        assertThat(a.flags()).as(a.summary()).isEmpty();
        assertThat(a.priority()).isEqualTo(TextPriority.NORMAL);
        assertThat(a.summary()).isEmpty();
    }

    @Test
    void selfHarmErrsOnTheSideOfFlaggingEvenQuotedOrNegated() {
        assertThat(screen.screen("他说“再这样下去我就不想活了”").flags()).contains(UrgencyFlag.SELF_HARM);
        assertThat(screen.screen("我倒不是不想活了，就是太难了").flags()).contains(UrgencyFlag.SELF_HARM);
        assertThat(screen.screen("我倒不是不想活了").priority()).isEqualTo(TextPriority.URGENT);
    }

    @Test
    void variantsInWritingStillMatchAndAreReportedAsWritten() {
        UrgencyAssessment traditional = screen.screen("我想輕生");
        assertThat(traditional.flags()).containsExactly(UrgencyFlag.SELF_HARM);
        FlagHit hit = traditional.hits().get(0);
        assertThat(hit.word()).isEqualTo("轻生");
        assertThat(hit.matched()).isEqualTo("輕生");
        assertThat(hit.offset()).isEqualTo(2);

        UrgencyAssessment spaced = screen.screen("楼里有 煤 气 味，，快来");
        assertThat(spaced.hits()).extracting(FlagHit::matched).containsExactly("煤 气 味");
        assertThat(screen.screen("着\n火\t了").flags()).contains(UrgencyFlag.FIRE);
    }

    @Test
    void severalFlagsAreAllReportedWithTheHighestPriority() {
        UrgencyAssessment a = screen.screen("他威胁说要放火烧了我家，现在楼道冒烟了");
        assertThat(a.flags()).contains(UrgencyFlag.THREAT, UrgencyFlag.FIRE);
        assertThat(a.priority()).isEqualTo(TextPriority.URGENT);
        assertThat(a.summary()).contains("威胁或报复言论").contains("火情");
        assertThat(screen.screen("你们再不管我就去报复").priority()).isEqualTo(TextPriority.HIGH);
    }

    @Test
    void badInputNeverThrows() {
        assertThat(screen.screen(null).notes()).containsExactly("来电文本为空");
        assertThat(screen.screen("   ").flags()).isEmpty();
        assertThat(screen.screen("\u0000\u0001\u001b[31m").flags()).isEmpty();
        assertThat(screen.screen("I smell gas and there is fire").flags()).isEmpty();
        UrgencyAssessment huge = screen.screen("正常诉求".repeat(30_000) + "不想活了");
        assertThat(huge.notes()).anyMatch(n -> n.contains("超过20000字"));
        UrgencyAssessment early = screen.screen("不想活了" + "正常诉求".repeat(30_000));
        assertThat(early.flags()).containsExactly(UrgencyFlag.SELF_HARM);
        assertThat(screen.screen("\uD83D\uDE00不想活了\uD83D").flags()).containsExactly(UrgencyFlag.SELF_HARM);
    }
}
