package cn.hotline12345.cti.text;

import cn.hotline12345.cti.text.api.DispatchOutcome;
import cn.hotline12345.cti.text.synth.HotlineHistoryGenerator;
import cn.hotline12345.cti.text.synth.SyntheticHistory;
import cn.hotline12345.cti.text.synth.SyntheticMatter;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorTest {

    private static SyntheticHistory small(long seed) {
        return new HotlineHistoryGenerator(HotlineHistoryGenerator.Options.defaults().withSeed(seed).withDays(10, 200)
                .withIncidents(6)).generate();
    }

    @Test
    void theSameSeedGivesTheSameHistoryWordForWordAndAnotherSeedAnother() {
        assertThat(small(1).matters()).isEqualTo(small(1).matters());
        assertThat(small(2).matters().get(0).text()).isNotEqualTo(small(1).matters().get(0).text());
    }

    @Test
    void theHistoryHasWhatTrainingAndEvaluationNeed() {
        SyntheticHistory h = TextFixtures.month();
        assertThat(h.matters()).hasSizeGreaterThan(6000);
        assertThat(h.matters()).allSatisfy(m -> {
            assertThat(m.text()).doesNotContain("{").doesNotContain("}");
            assertThat(m.closedAt()).isAfter(m.createdAt());
        });
        Map<String, Long> categories = h.matters().stream()
                .collect(Collectors.groupingBy(SyntheticMatter::category, Collectors.counting()));
        assertThat(categories).containsOnlyKeys("咨询", "求助", "建议", "投诉", "举报");
        assertThat(h.matters()).extracting(SyntheticMatter::district).contains("奎文区", "潍城区", "坊子区", "寒亭区",
                "高新区", "青州市", "寿光市", "诸城市", "临朐县");
        assertThat(h.matters()).extracting(SyntheticMatter::finalUnit).contains("市生态环境局", "市住建局", "市城管局",
                "市人社局", "市医保局", "市公安局", "市教育局", "市场监管局", "市供水公司", "市供热公司", "供电公司", "奎文区政府");
        long returned = h.exampleList().stream().filter(e -> e.outcome() == DispatchOutcome.RETURNED).count();
        assertThat((double) returned / h.matters().size()).isBetween(0.05, 0.2);
        Map<String, Long> incidents = h.matters().stream().filter(m -> m.incidentId() != null)
                .collect(Collectors.groupingBy(SyntheticMatter::incidentId, Collectors.counting()));
        assertThat(incidents).hasSizeGreaterThanOrEqualTo(12).allSatisfy((id, n) -> assertThat(n).isGreaterThanOrEqualTo(4));
        assertThat(incidents.keySet()).anyMatch(id -> id.endsWith("heating_cold")).anyMatch(id -> id.endsWith("pothole"));
        assertThat(h.matters()).filteredOn(m -> m.repeatOf() != null).hasSizeGreaterThan(100)
                .anyMatch(m -> !m.callerNumber().equals(h.get(m.repeatOf()).callerNumber()));
        assertThat(h.matters()).extracting(SyntheticMatter::themeId).containsAll(HotlineHistoryGenerator.themeIds());
    }
}
