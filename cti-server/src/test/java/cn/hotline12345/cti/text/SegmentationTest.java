package cn.hotline12345.cti.text;

import cn.hotline12345.cti.text.api.DictionaryEntry;
import cn.hotline12345.cti.text.api.DictionaryStore;
import cn.hotline12345.cti.text.api.HotlineDictionary;
import cn.hotline12345.cti.text.api.Token;
import cn.hotline12345.cti.text.api.WordKind;
import cn.hotline12345.cti.text.internal.InMemoryHotlineDictionary;
import cn.hotline12345.cti.text.internal.TextEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentationTest {

    private static List<String> words(List<Token> tokens) {
        return tokens.stream().map(Token::word).toList();
    }

    @Test
    void hotlinePhrasingSegmentsWithTheSeedDictionary() {
        TextEngine engine = TextFixtures.fresh();
        assertThat(words(engine.segmenter().segment("小区楼下烧烤店油烟扰民")))
                .containsExactly("小区", "楼下", "烧烤店", "油烟扰民");
        assertThat(words(engine.segmenter().segment("寿光市洛城街道占道经营严重")))
                .containsExactly("寿光市", "洛城街道", "占道经营", "严重");
        assertThat(words(engine.segmenter().segment("公司拖欠工资半年不给"))).contains("拖欠工资");
        List<Token> tokens = engine.segmenter().segment("市民来电反映奎文区停水");
        assertThat(tokens).filteredOn(t -> t.word().equals("市民")).allMatch(Token::stop);
        assertThat(tokens).filteredOn(t -> t.word().equals("奎文区")).extracting(Token::pos).containsExactly("place");
        assertThat(tokens).filteredOn(t -> t.word().equals("停水")).noneMatch(Token::stop);
    }

    @Test
    void aWordAddedAtRunTimeChangesSegmentationWithoutRestartAndRemovingItUndoesThat() {
        TextEngine engine = TextFixtures.fresh();
        String text = "电动车飞线充电很危险";
        assertThat(words(engine.segmenter().segment(text))).doesNotContain("飞线充电");
        long before = engine.segmenter().dictionaryVersion();

        assertThat(engine.dictionary().add(new DictionaryEntry("飞线充电", WordKind.TERM, "充电安全"))).isNull();

        assertThat(engine.segmenter().dictionaryVersion()).isGreaterThan(before);
        assertThat(words(engine.segmenter().segment(text))).contains("飞线充电");
        assertThat(engine.dictionary().remove("飞线充电")).isTrue();
        assertThat(words(engine.segmenter().segment(text))).doesNotContain("飞线充电");
    }

    @Test
    void aStopWordAddedAtRunTimeStopsBeingContent() {
        TextEngine engine = TextFixtures.fresh();
        assertThat(engine.segmenter().segment("电梯故障")).filteredOn(t -> t.word().equals("电梯")).noneMatch(Token::stop);
        engine.dictionary().add(new DictionaryEntry("电梯", WordKind.STOPWORD, null));
        assertThat(engine.segmenter().segment("电梯故障")).filteredOn(t -> t.word().equals("电梯")).allMatch(Token::stop);
    }

    /** A store that keeps what it is told, like the coordinator's database store. */
    static class RecordingStore implements DictionaryStore {
        final List<DictionaryEntry> added = new ArrayList<>();
        final List<String> removed = new ArrayList<>();

        @Override public List<DictionaryEntry> loadAdded() { return List.copyOf(added); }
        @Override public List<String> loadRemoved() { return List.copyOf(removed); }
        @Override public void saveAdded(DictionaryEntry e) { added.removeIf(x -> x.word().equals(e.word())); removed.remove(e.word()); added.add(e); }
        @Override public void saveRemoved(String w) { added.removeIf(x -> x.word().equals(w)); removed.add(w); }
    }

    @Test
    void changesArePersistedThroughTheStoreAndSurviveARestart() {
        RecordingStore store = new RecordingStore();
        HotlineDictionary first = new InMemoryHotlineDictionary(store);
        first.add(new DictionaryEntry("东方御园", WordKind.PLACE, null));
        first.remove("油烟扰民");

        HotlineDictionary restarted = new InMemoryHotlineDictionary(store);

        assertThat(restarted.find("东方御园")).map(DictionaryEntry::kind).contains(WordKind.PLACE);
        assertThat(restarted.find("油烟扰民")).isEmpty();
        assertThat(restarted.find("油烟")).isPresent();
    }

    @Test
    void invalidEntriesAreRefusedWithAReasonAndChangeNothing() {
        RecordingStore store = new RecordingStore();
        HotlineDictionary d = new InMemoryHotlineDictionary(store);
        long version = d.version();
        assertThat(d.add(new DictionaryEntry("  ", WordKind.TERM, null))).isEqualTo("词条为空");
        assertThat(d.add(new DictionaryEntry("油烟\n扰民", WordKind.TERM, null))).contains("控制字符");
        assertThat(d.add(new DictionaryEntry("很".repeat(21), WordKind.TERM, null))).contains("20");
        assertThat(d.add(null)).isEqualTo("词条为空");
        assertThat(d.remove(null)).isFalse();
        assertThat(d.remove("没有这个词")).isFalse();
        assertThat(d.version()).isEqualTo(version);
        assertThat(store.added).isEmpty();
        assertThat(store.removed).isEmpty();
    }

    @Test
    void aFailingStoreLeavesTheDictionaryAsItWas() {
        DictionaryStore failing = new RecordingStore() {
            @Override public void saveAdded(DictionaryEntry e) { throw new IllegalStateException("database down"); }
        };
        HotlineDictionary d = new InMemoryHotlineDictionary(failing);
        long version = d.version();
        assertThatThrownBy(() -> d.add(DictionaryEntry.term("飞线充电"))).hasMessage("database down");
        assertThat(d.version()).isEqualTo(version);
        assertThat(d.find("飞线充电")).isEmpty();
    }

    @Test
    void theSeedDictionaryIsWellFormed() {
        List<DictionaryEntry> seed = InMemoryHotlineDictionary.seedEntries();
        assertThat(seed).hasSizeGreaterThan(400).allMatch(e -> e.problem() == null);
        assertThat(seed).extracting(DictionaryEntry::word).contains("油烟", "噪音", "占道经营", "停水", "供暖", "物业",
                "拖欠工资", "奎文区", "寿光市", "市医保局");
    }
}
