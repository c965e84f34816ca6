package cn.hotline12345.cti.text.internal;

import cn.hotline12345.cti.text.api.DictionaryEntry;
import cn.hotline12345.cti.text.api.WordKind;
import com.hankcs.hanlp.collection.AhoCorasick.AhoCorasickDoubleArrayTrie;
import com.hankcs.hanlp.collection.trie.bintrie.BinTrie;
import com.hankcs.hanlp.corpus.tag.Nature;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.dictionary.DynamicCustomDictionary;
import com.hankcs.hanlp.dictionary.other.CharTable;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.Viterbi.ViterbiSegment;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One immutable version of the hotline dictionary, ready to segment with. HanLP's own custom dictionary (a large
 * double-array trie in its jar) is shared read-only by every version; the hotline words of this version live in a
 * trie of their own, so versions never disturb each other and HanLP's global dictionary is never written.
 */
final class Lexicon {

    /** Frequency given to hotline words: high enough that the segmenter prefers them over a split. */
    private static final int HOTLINE_FREQUENCY = 2000;

    final long version;
    private final Segment segment;
    private final Set<String> stopWords;
    private final Map<String, WordKind> kinds;
    private final Map<String, String> concepts;
    /** Every word with a concept, found anywhere in the text whatever the segmentation made of it. */
    private final AhoCorasickDoubleArrayTrie<String> conceptFinder;
    private final AhoCorasickDoubleArrayTrie<WordKind> placeFinder;

    private Lexicon(long version, Segment segment, Set<String> stopWords, Map<String, WordKind> kinds,
                    Map<String, String> concepts, AhoCorasickDoubleArrayTrie<String> conceptFinder,
                    AhoCorasickDoubleArrayTrie<WordKind> placeFinder) {
        this.version = version;
        this.segment = segment;
        this.stopWords = stopWords;
        this.kinds = kinds;
        this.concepts = concepts;
        this.conceptFinder = conceptFinder;
        this.placeFinder = placeFinder;
    }

    static Lexicon build(long version, List<DictionaryEntry> entries) {
        BinTrie<CoreDictionary.Attribute> trie = new BinTrie<>();
        Set<String> stop = new HashSet<>();
        Map<String, WordKind> kinds = new HashMap<>();
        Map<String, String> concepts = new HashMap<>();
        TreeMap<String, String> conceptWords = new TreeMap<>();
        TreeMap<String, WordKind> placeWords = new TreeMap<>();
        for (DictionaryEntry e : entries) {
            if (e.problem() != null) {
                continue;
            }
            String word = CharTable.convert(e.word());
            if (e.kind() == WordKind.STOPWORD) {
                stop.add(word);
                continue;
            }
            kinds.put(word, e.kind());
            Nature nature = switch (e.kind()) {
                case PLACE -> Nature.ns;
                case UNIT -> Nature.nt;
                default -> Nature.nz;
            };
            trie.put(word, new CoreDictionary.Attribute(nature, HOTLINE_FREQUENCY));
            if (e.concept() != null) {
                String concept = CharTable.convert(e.concept());
                concepts.put(word, concept);
                conceptWords.put(word, concept);
            }
            if (e.kind() == WordKind.PLACE || e.kind() == WordKind.UNIT) {
                placeWords.put(word, e.kind());
            }
        }
        // CustomDictionary.DEFAULT is HanLP's bundled custom dictionary; only its read-only trie is shared here
        DynamicCustomDictionary custom = new DynamicCustomDictionary(CustomDictionary.DEFAULT.dat, trie, null);
        Segment segment = new ViterbiSegment()
                .enableCustomDictionary(custom)
                // forcing (custom words inserted into the word lattice) costs 3 to 20 times the time on hotline text
                // and changed no segmentation we measured; without it a custom word joins when the core
                // segmentation's boundaries fall on its edges, which they do for the words of this dictionary
                .enableCustomDictionaryForcing(false)
                .enableOffset(true)
                .enablePartOfSpeechTagging(true);
        return new Lexicon(version, segment, Set.copyOf(stop), Map.copyOf(kinds), Map.copyOf(concepts),
                finder(conceptWords), finder(placeWords));
    }

    private static <V> AhoCorasickDoubleArrayTrie<V> finder(TreeMap<String, V> words) {
        AhoCorasickDoubleArrayTrie<V> finder = new AhoCorasickDoubleArrayTrie<>();
        if (!words.isEmpty()) {
            finder.build(words);
        }
        return words.isEmpty() ? null : finder;
    }

    Segment segment() {
        return segment;
    }

    boolean isStopWord(String word) {
        return stopWords.contains(word);
    }

    WordKind kindOf(String word) {
        return kinds.get(word);
    }

    String conceptOf(String word) {
        return concepts.get(word);
    }

    /** Calls {@code hit} with (begin, end, concept) for every concept word in the text, overlapping ones included. */
    void findConcepts(String text, AhoCorasickDoubleArrayTrie.IHit<String> hit) {
        if (conceptFinder != null) {
            conceptFinder.parseText(text, hit);
        }
    }

    /** Calls {@code hit} with (begin, end, kind) for every place or unit word of the dictionary in the text. */
    void findPlaces(String text, AhoCorasickDoubleArrayTrie.IHit<WordKind> hit) {
        if (placeFinder != null) {
            placeFinder.parseText(text, hit);
        }
    }
}
