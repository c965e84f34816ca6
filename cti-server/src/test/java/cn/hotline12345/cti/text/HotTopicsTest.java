package cn.hotline12345.cti.text;

import cn.hotline12345.cti.text.api.HotTopic;
import cn.hotline12345.cti.text.api.HotTopicReport;
import cn.hotline12345.cti.text.api.MatterText;
import cn.hotline12345.cti.text.api.Trend;
import cn.hotline12345.cti.text.synth.SyntheticHistory;
import cn.hotline12345.cti.text.synth.SyntheticMatter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HotTopicsTest {

    private static final Instant FROM = Instant.parse("2025-12-08T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofDays(7));

    private static MatterText m(String id, int hour, String text, String district) {
        return new MatterText(id, FROM.plus(Duration.ofHours(hour)), text, district, null);
    }

    private static HotTopic topicOf(HotTopicReport r, String id) {
        return r.topics().stream().filter(t -> t.matterIds().contains(id)).findFirst().orElse(null);
    }

    @Test
    void differentlyWordedMattersAboutNoiseMeetAndUnrelatedOnesStayApart() {
        List<MatterText> matters = List.of(
                m("N1", 1, "小区旁边噪音扰民，受不了", "奎文区"),
                m("N2", 2, "夜里施工太吵，孩子睡不着", "奎文区"),
                m("N3", 3, "工地晚上打桩，影响休息", "潍城区"),
                m("N4", 4, "半夜还在施工，搅拌机轰隆隆的", "奎文区"),
                m("W1", 5, "家里停水两天了，也没有通知", "寿光市"),
                m("W2", 6, "小区突然没水了，做饭都成问题", "寿光市"),
                m("W3", 7, "一早起来就停水，什么时候来水", "青州市"),
                m("Y1", 8, "想问一下医保异地就医怎么报销", "高密市"),
                m("Y2", 9, "咨询城乡居民医保在哪里缴费", "诸城市"),
                m("Y3", 10, "住院报销比例是多少，医保卡能用吗", "高密市"));
        HotTopicReport r = TextFixtures.fresh().hotTopics().find(matters, FROM, TO, 10, 2);

        HotTopic noise = topicOf(r, "N1");
        assertThat(noise).isNotNull();
        assertThat(noise.matterIds()).containsExactlyInAnyOrder("N1", "N2", "N3", "N4");
        assertThat(noise.labelWords()).containsAnyOf("噪音", "施工");
        assertThat(topicOf(r, "W1").matterIds()).containsExactlyInAnyOrder("W1", "W2", "W3");
        assertThat(topicOf(r, "Y1").matterIds()).containsExactlyInAnyOrder("Y1", "Y2", "Y3");
        assertThat(noise.districts().get(0).name()).isEqualTo("奎文区");
        assertThat(noise.trend()).isEqualTo(Trend.NEW);
        assertThat(r.inWindow()).isEqualTo(10);
        assertThat(r.unclustered()).isZero();
    }

    @Test
    void thePreviousWindowGivesCountAndTrend() {
        List<MatterText> matters = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            matters.add(m("H" + i, i, "暖气不热，屋里只有十四度", "奎文区"));
        }
        for (int i = 0; i < 3; i++) {
            matters.add(new MatterText("P" + i, FROM.minus(Duration.ofDays(2)).plusSeconds(i), "暖气片冰凉，温度不达标",
                    "奎文区", null));
            matters.add(new MatterText("Q" + i, FROM.minus(Duration.ofDays(9)), "暖气不热", "奎文区", null));
        }
        HotTopicReport r = TextFixtures.fresh().hotTopics().find(matters, FROM, TO, 10, 2);
        HotTopic heating = topicOf(r, "H0");
        assertThat(heating.count()).isEqualTo(9);
        assertThat(heating.previousCount()).isEqualTo(3);
        assertThat(heating.trend()).isEqualTo(Trend.RISING);
        assertThat(r.inPrevious()).isEqualTo(3);
        assertThat(heating.matterIds()).noneMatch(id -> id.startsWith("P") || id.startsWith("Q"));
    }

    /**
     * A generated week against the generator's themes. Measured on this seed: ARI 0.955, purity 0.999; the
     * bars leave room for the randomness of another seed and none for a clusterer that lumps or splits themes.
     */
    @Test
    void aGeneratedWeekAgreesWithTheGeneratorsThemes() {
        SyntheticHistory h = TextFixtures.month();
        List<MatterText> all = h.matters().stream().map(SyntheticMatter::matterText).toList();
        HotTopicReport r = TextFixtures.trained().hotTopics().find(all, FROM, TO, 200, 3);
        Map<String, String> found = new HashMap<>();
        for (int k = 0; k < r.topics().size(); k++) {
            for (String id : r.topics().get(k).matterIds()) {
                found.put(id, "T" + k);
            }
        }
        List<String> truth = new ArrayList<>();
        List<String> got = new ArrayList<>();
        for (MatterText m : h.matterTexts(FROM, TO)) {
            truth.add(h.get(m.id()).themeId());
            got.add(found.getOrDefault(m.id(), "none-" + m.id()));
        }
        assertThat(truth).hasSizeGreaterThan(1000);
        assertThat(TopicAgreement.adjustedRand(truth, got)).isGreaterThan(0.85);
        assertThat(TopicAgreement.purity(truth, got)).isGreaterThan(0.95);
        HotTopic first = r.topics().get(0);
        assertThat(first.count()).isGreaterThanOrEqualTo(r.topics().get(1).count());
        assertThat(first.exampleIds()).hasSize(5).allMatch(first.matterIds()::contains);
        assertThat(first.units()).isNotEmpty();
    }

    @Test
    void theAgreementMeasureCanFail() {
        List<String> truth = List.of("a", "a", "b", "b");
        assertThat(TopicAgreement.adjustedRand(truth, List.of("x", "x", "y", "y"))).isEqualTo(1.0);
        assertThat(TopicAgreement.adjustedRand(truth, List.of("x", "y", "x", "y"))).isLessThan(0.0);
        assertThat(TopicAgreement.purity(truth, List.of("x", "x", "x", "x"))).isEqualTo(0.5);
    }

    @Test
    void badWindowsAndItemsGiveNotesNotExceptions() {
        HotTopicReport backwards = TextFixtures.fresh().hotTopics().find(List.of(), TO, FROM, 10, 2);
        assertThat(backwards.topics()).isEmpty();
        assertThat(backwards.notes()).containsExactly("统计时段无效：结束时间必须晚于开始时间");
        assertThat(TextFixtures.fresh().hotTopics().find(null, null, null, 0, 0).topics()).isEmpty();

        List<MatterText> items = new ArrayList<>();
        items.add(null);
        items.add(new MatterText(null, FROM, "暖气不热", null, null));
        items.add(new MatterText("X", null, "暖气不热", null, null));
        items.add(new MatterText("E", FROM, "", null, null));
        items.add(new MatterText("C", FROM, "\u0000\u0007\u001b", "火星区", null));
        HotTopicReport r = TextFixtures.fresh().hotTopics().find(items, FROM, TO, 10, 2);
        assertThat(r.notes()).containsExactly("3条事项缺少编号或时间，未参与统计");
        assertThat(r.inWindow()).isEqualTo(2);
        assertThat(r.unclustered()).isEqualTo(2);
    }
}
