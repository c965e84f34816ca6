package cn.hotline12345.cti.text;

import cn.hotline12345.cti.text.api.CallerRelation;
import cn.hotline12345.cti.text.api.OpenMatter;
import cn.hotline12345.cti.text.api.SimilarMatch;
import cn.hotline12345.cti.text.api.SimilarMatters;
import cn.hotline12345.cti.text.api.SimilarityResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimilarMattersTest {

    private static final Instant T = Instant.parse("2025-12-10T02:00:00Z");
    private static final int BACKGROUND = 500;

    private static OpenMatter open(String id, String text, String district, String address, String number, String name) {
        return new OpenMatter(id, T, text, district, address, number, name);
    }

    /**
     * Four matters of interest among 500 generated open ones, which give the word statistics of a real index (a word
     * every open matter has says little); none of those names the places asked about here.
     */
    private static SimilarMatters index() {
        SimilarMatters index = TextFixtures.fresh().newSimilarMattersIndex();
        TextFixtures.month().matters().stream()
                .filter(m -> List.of("胜利东街", "新华路", "阳光花园", "文化路", "北海路").stream()
                        .noneMatch(p -> m.text().contains(p) || m.address().contains(p)))
                .limit(BACKGROUND)
                .forEach(m -> index.add(m.openMatter()));
        index.add(open("A", "胜利东街和新华路路口有个大坑，晚上看不清，骑电动车的摔倒了好几个", "奎文区", "奎文区胜利东街与新华路路口",
                "13800000001", "王建国"));
        index.add(open("B", "文化路路面塌陷了一块，开车很危险", "潍城区", "潍城区文化路", "13800000002", "李芳"));
        index.add(open("C", "家里暖气不热，屋里只有十三度", "奎文区", "奎文区东关街道阳光花园", "13800000003", "张伟"));
        index.add(open("D", "想问一下医保异地就医怎么备案", "高密市", "高密市醴泉街道", "13800000004", "刘洋"));
        return index;
    }

    @Test
    void anotherCallerAboutTheSamePotholeIsOfferedForMerge() {
        SimilarityResult r = index().query(open("N", "新华路和胜利东街交叉口路面有个坑，很危险", "奎文区",
                "奎文区胜利东街新华路口", "13900000009", "赵敏"), 3);
        SimilarMatch top = r.matches().get(0);
        assertThat(top.matterId()).isEqualTo("A");
        assertThat(top.mergeOffered()).isTrue();
        assertThat(top.samePlace()).isTrue();
        assertThat(top.sharedPlaces()).contains("胜利东街", "新华路");
        assertThat(top.sharedWords()).contains("路面破损");
        assertThat(top.relation()).isEqualTo(CallerRelation.OTHER_CALLER);
        assertThat(r.matches()).filteredOn(m -> !m.matterId().equals("A")).noneMatch(SimilarMatch::mergeOffered);
    }

    @Test
    void theSameKindOfMatterElsewhereIsSimilarButNotOfferedForMerge() {
        SimilarityResult r = index().query(open("N", "北海路上有个大坑，路面破损严重", "高新区", "高新区北海路",
                "13900000009", "赵敏"), 10);
        assertThat(r.matches()).isNotEmpty().noneMatch(SimilarMatch::mergeOffered);
        assertThat(r.matches()).filteredOn(m -> m.matterId().equals("A")).allMatch(m -> !m.samePlace());
    }

    @Test
    void theSameReporterFromAnotherNumberIsRecognisedByContent() {
        SimilarityResult r = index().query(open("N", "阳光花园暖气还是不热，温度不达标", "奎文区", "奎文区东关街道阳光花园",
                "15500000000", "张伟"), 3);
        SimilarMatch top = r.matches().get(0);
        assertThat(top.matterId()).isEqualTo("C");
        assertThat(top.relation()).isEqualTo(CallerRelation.SAME_REPORTER_OTHER_NUMBER);
        assertThat(top.mergeOffered()).isTrue();
        SimilarityResult same = index().query(open("N", "暖气不热", "奎文区", null, "138-0000-0003", null), 3);
        assertThat(same.matches().get(0).relation()).isEqualTo(CallerRelation.SAME_NUMBER);
    }

    @Test
    void removedAndReplacedMattersAreGoneFromAnswers() {
        SimilarMatters index = index();
        assertThat(index.size()).isEqualTo(BACKGROUND + 4);
        assertThat(index.remove("C")).isTrue();
        assertThat(index.remove("C")).isFalse();
        assertThat(index.query(open("N", "暖气不热", "奎文区", null, null, null), 5).matches())
                .extracting(SimilarMatch::matterId).doesNotContain("C");
        index.add(open("D", "电梯坏了一个月没人修", "高密市", null, null, null));
        assertThat(index.size()).isEqualTo(BACKGROUND + 3);
        assertThat(index.query(open("N", "医保异地就医备案", "高密市", null, null, null), 5).matches())
                .extracting(SimilarMatch::matterId).doesNotContain("D");
    }

    @Test
    void theProbeItselfAndUnrelatedTextAreNotReturned() {
        SimilarMatters index = index();
        assertThat(index.query(open("A", "胜利东街和新华路路口有个大坑", "奎文区", null, null, null), 5).matches())
                .extracting(SimilarMatch::matterId).doesNotContain("A");
        assertThat(index.query(open("N", "hello world 12345", null, null, null, null), 5).matches()).isEmpty();
    }

    @Test
    void badInputNeverThrows() {
        SimilarMatters index = index();
        assertThat(index.add(null)).isFalse();
        assertThat(index.add(open(null, "暖气不热", null, null, null, null))).isFalse();
        assertThat(index.add(open(" ", "暖气不热", null, null, null, null))).isFalse();
        assertThat(index.remove(null)).isFalse();
        assertThat(index.query(null, 5).notes()).containsExactly("查询事项为空");
        assertThat(index.query(open("N", null, null, null, null, null), 5).notes()).containsExactly("事项文本为空");
        SimilarityResult huge = index.query(open("N", "暖气不热".repeat(25_000), "火星区", "\u0000\u0001", null, null), 500);
        assertThat(huge.notes()).anyMatch(n -> n.contains("超过4000字"));
        assertThat(huge.matches()).hasSizeLessThanOrEqualTo(SimilarMatters.MAX_K);
        assertThat(index.size()).isEqualTo(BACKGROUND + 4);
        List<SimilarMatch> k0 = index.query(open("N", "暖气不热", null, null, null, null), 0).matches();
        assertThat(k0).hasSize(1);
    }
}
