package cn.hotline12345.cti.text;

import cn.hotline12345.cti.text.api.DispatchExample;
import cn.hotline12345.cti.text.api.DispatchOutcome;
import cn.hotline12345.cti.text.api.DispatchRequest;
import cn.hotline12345.cti.text.api.DispatchSuggestion;
import cn.hotline12345.cti.text.api.DictionaryStore;
import cn.hotline12345.cti.text.api.ModelInfo;
import cn.hotline12345.cti.text.api.UnitSuggestion;
import cn.hotline12345.cti.text.internal.DispatchEvaluation;
import cn.hotline12345.cti.text.internal.TextEngine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DispatchSuggesterTest {

    private static DispatchSuggestion suggest(String text, String district, String category) {
        return TextFixtures.trained().dispatch().suggest(new DispatchRequest(null, text, district, category), 3);
    }

    @Test
    void clearCasesRankTheRightUnitFirstAndNameTheWordsThatDecided() {
        DispatchSuggestion medical = suggest("老人在外地住院，想问异地就医怎么备案，医保能报销多少", "奎文区", "咨询");
        assertThat(medical.units().get(0).unit()).isEqualTo("市医保局");
        assertThat(medical.units().get(0).decisiveWords()).containsAnyOf("医保", "异地就医", "报销");

        DispatchSuggestion heating = suggest("家里暖气片冰凉，屋里只有十三度", "潍城区", "投诉");
        assertThat(heating.units().get(0).unit()).isEqualTo("市供热公司");
        assertThat(heating.units().get(0).decisiveWords()).contains("供暖");

        assertThat(suggest("我们楼突然停电了，冰箱都不制冷", "高密市", "求助").units().get(0).unit()).isEqualTo("供电公司");
        assertThat(suggest("公司拖欠工资三个月不发", "寿光市", "投诉").units().get(0).unit()).isEqualTo("市人社局");
        assertThat(suggest("超市卖过期牛奶，商家不给退款", "青州市", "投诉").units().get(0).unit()).isEqualTo("市场监管局");
    }

    @Test
    void scoresAreRankedProbabilitiesAndLimitIsHonoured() {
        DispatchSuggestion s = TextFixtures.trained().dispatch()
                .suggest(new DispatchRequest("占道经营", "路边摆摊卖菜把路堵了", "昌邑市", "投诉"), 5);
        assertThat(s.units()).hasSize(5);
        assertThat(s.units()).extracting(UnitSuggestion::score).isSortedAccordingTo((a, b) -> Double.compare(b, a))
                .allMatch(p -> p >= 0 && p <= 1);
        // a local matter goes to the district government (属地): the district decides among governments
        assertThat(s.units()).extracting(UnitSuggestion::unit).contains("昌邑市政府").doesNotContain("奎文区政府");
        assertThat(s.modelVersion()).isEqualTo(TextFixtures.trained().dispatch().model().version());
    }

    private static DispatchExample example(int i, String text, String unit, DispatchOutcome outcome) {
        return new DispatchExample("M" + i, Instant.parse("2025-12-01T00:00:00Z").plusSeconds(i), text, "奎文区", "投诉",
                unit, outcome);
    }

    @Test
    void returnedHistoryCountsAgainstTheUnit() {
        List<DispatchExample> history = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            history.add(example(i, "楼下广场舞音响太吵", "市城管局", DispatchOutcome.COMPLETED));
            history.add(example(100 + i, "楼下广场舞音响太吵", "市公安局", DispatchOutcome.COMPLETED));
        }
        AtomicReference<List<DispatchExample>> current = new AtomicReference<>(history);
        TextEngine engine = TextEngine.create(DictionaryStore.none(), () -> current.get().stream());
        engine.dispatch().retrain();
        DispatchRequest request = new DispatchRequest(null, "广场舞大喇叭吵得睡不着", "奎文区", "投诉");
        double before = score(engine.dispatch().suggest(request, 2), "市城管局");

        List<DispatchExample> withReturns = new ArrayList<>(history);
        for (int i = 0; i < 40; i++) {
            withReturns.add(example(200 + i, "广场舞音响扰民", "市城管局", DispatchOutcome.RETURNED));
        }
        current.set(withReturns);
        ModelInfo info = engine.dispatch().retrain();

        DispatchSuggestion after = engine.dispatch().suggest(request, 2);
        assertThat(info.returned()).isEqualTo(40);
        assertThat(after.units().get(0).unit()).isEqualTo("市公安局");
        assertThat(score(after, "市城管局")).isLessThan(before);
        assertThat(after.units()).filteredOn(u -> u.unit().equals("市城管局")).extracting(UnitSuggestion::returnedBefore)
                .containsExactly(40);
    }

    private static double score(DispatchSuggestion s, String unit) {
        return s.units().stream().filter(u -> u.unit().equals(unit)).mapToDouble(UnitSuggestion::score).findFirst()
                .orElse(0);
    }

    @Test
    void retrainSwapsInANewModelAndAFailedReadKeepsTheOldOne() {
        AtomicReference<Boolean> fail = new AtomicReference<>(false);
        List<DispatchExample> history = List.of(example(1, "暖气不热", "市供热公司", DispatchOutcome.COMPLETED));
        TextEngine engine = TextEngine.create(DictionaryStore.none(), () -> {
            if (fail.get()) {
                throw new IllegalStateException("history unavailable");
            }
            return history.stream();
        });
        assertThat(engine.dispatch().model().version()).isZero();
        ModelInfo first = engine.dispatch().retrain();
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.units()).isEqualTo(1);
        fail.set(true);
        assertThatThrownBy(() -> engine.dispatch().retrain()).hasMessage("history unavailable");
        assertThat(engine.dispatch().model()).isEqualTo(first);
        assertThat(engine.dispatch().suggest(new DispatchRequest("暖气不热", null, null, null), 1).units())
                .extracting(UnitSuggestion::unit).containsExactly("市供热公司");
    }

    @Test
    void untrainedModelSaysSoInsteadOfGuessing() {
        DispatchSuggestion s = TextFixtures.fresh().dispatch().suggest(new DispatchRequest("暖气不热", null, null, null), 3);
        assertThat(s.units()).isEmpty();
        assertThat(s.notes()).contains("派单模型尚未训练，暂无推荐");
    }

    /**
     * The held-out accuracy on the tests' own generated month (the offline evaluation of docs/text-intelligence.md
     * uses another seed). The bars are below what the model measured here (0.634 and 0.846), above what the
     * category baseline reaches (about 0.2), and below the generator's own ceiling (about 0.70): a unit is often one
     * of two or three that handle a kind of matter.
     */
    @Test
    void heldOutAccuracyOnATimeOrderedSplit() {
        DispatchEvaluation.Result r = DispatchEvaluation.evaluate(TextFixtures.trained(),
                TextFixtures.month().exampleList(), 0.8);
        assertThat(r.testMatters()).isGreaterThan(1000);
        assertThat(r.accuracyAt1()).isGreaterThan(0.58).isGreaterThan(r.priorAt1() + 0.3);
        assertThat(r.accuracyAt3()).isGreaterThan(0.82);
    }
}
