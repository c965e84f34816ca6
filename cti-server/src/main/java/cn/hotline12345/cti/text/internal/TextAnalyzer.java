package cn.hotline12345.cti.text.internal;

import cn.hotline12345.cti.text.api.HotlineDictionary;
import cn.hotline12345.cti.text.api.Segmenter;
import cn.hotline12345.cti.text.api.Token;
import cn.hotline12345.cti.text.api.WordKind;
import com.hankcs.hanlp.seg.common.Term;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Segmentation and feature extraction over the current version of the hotline dictionary. Each call compares the
 * dictionary's version with the lexicon it holds and rebuilds the lexicon when they differ (a few milliseconds), so a
 * word added at run time segments on the very next call. Thread-safe: lexicons are immutable and swapped atomically.
 */
final class TextAnalyzer implements Segmenter {

    /** Parts of speech that never carry the topic: punctuation, numerals, measure words, particles, pronouns... */
    private static final Set<String> FUNCTION_TAGS = Set.of("w", "m", "mq", "q", "qt", "qv", "p", "pba", "pbei", "c",
            "cc", "d", "dg", "dl", "r", "rr", "ry", "rys", "ryt", "ryv", "rz", "rzs", "rzt", "rzv", "rg", "e", "y", "o",
            "u", "ud", "ude1", "ude2", "ude3", "udeng", "udh", "ug", "uguo", "uj", "ul", "ule", "ulian", "uls", "usuo",
            "uv", "uyy", "uz", "uzhe", "uzhi", "f", "h", "k", "x", "xx", "xu", "nx", "begin", "end");
    /** Tokens that end a place name and join the one or two tokens before them (阳光 花园 小区 → 阳光花园小区). */
    private static final Set<String> PLACE_SUFFIXES = Set.of("小区", "花园", "家园", "社区", "路", "街", "大街",
            "东街", "西街", "南街", "北街", "东路", "西路", "南路", "北路", "广场", "市场", "公园", "学校", "小学", "中学",
            "医院", "幼儿园", "商场", "超市", "大厦", "公寓", "苑", "菜市场", "农贸市场");
    /** Words that look like places but name none in particular (or the whole city). */
    private static final Set<String> GENERIC_PLACES = Set.of("街道", "新村", "小区", "花园", "家园", "社区", "广场",
            "小广场", "市场", "公园", "学校", "医院", "潍坊", "潍坊市", "山东", "山东省", "本市", "市区", "城区");

    private final HotlineDictionary dictionary;
    private final AtomicReference<Lexicon> current = new AtomicReference<>();

    TextAnalyzer(HotlineDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** The lexicon for the dictionary's current version, rebuilt if the dictionary changed since the last call. */
    Lexicon lexicon() {
        long version = dictionary.version();
        Lexicon lexicon = current.get();
        if (lexicon != null && lexicon.version == version) {
            return lexicon;
        }
        synchronized (this) {
            lexicon = current.get();
            if (lexicon == null || lexicon.version != version) {
                // entries read after the version: if they are newer still, the next call sees a higher version
                lexicon = Lexicon.build(version, dictionary.entries());
                current.set(lexicon);
            }
            return lexicon;
        }
    }

    @Override
    public long dictionaryVersion() {
        return dictionary.version();
    }

    @Override
    public List<Token> segment(String text) {
        NormalizedText input = NormalizedText.of(text, MAX_TEXT_LENGTH);
        return input.empty() ? List.of() : tokens(lexicon(), input);
    }

    /** The full analysis of a text (at most {@link #MAX_TEXT_LENGTH} characters of it). */
    Analysis analyze(String text) {
        return analyze(lexicon(), text);
    }

    Analysis analyze(Lexicon lexicon, String text) {
        NormalizedText input = NormalizedText.of(text, MAX_TEXT_LENGTH);
        if (input.empty()) {
            return new Analysis(input, List.of(), Map.of(), Map.of(), List.of());
        }
        List<Token> tokens = tokens(lexicon, input);
        Map<String, Integer> terms = new HashMap<>();
        for (Token t : tokens) {
            if (isContent(t)) {
                terms.merge(t.word(), 1, Integer::sum);
            }
        }
        Map<String, Integer> concepts = new HashMap<>();
        lexicon.findConcepts(input.text(), (begin, end, concept) -> concepts.merge(concept, 1, Integer::sum));
        return new Analysis(input, tokens, terms, concepts, places(lexicon, input.text(), tokens));
    }

    private static List<Token> tokens(Lexicon lexicon, NormalizedText input) {
        List<Term> terms = lexicon.segment().seg(input.text());
        List<Token> tokens = new ArrayList<>(terms.size());
        for (Term term : terms) {
            String word = term.word;
            if (word.isBlank()) {
                continue;
            }
            WordKind kind = lexicon.kindOf(word);
            String pos = kind == null ? String.valueOf(term.nature) : kind.name().toLowerCase();
            boolean stop = lexicon.isStopWord(word) || (kind == null && FUNCTION_TAGS.contains(pos));
            tokens.add(new Token(word, pos, term.offset, stop));
        }
        return tokens;
    }

    /** A token that can stand for what a matter is about. */
    private static boolean isContent(Token t) {
        if (t.stop()) {
            return false;
        }
        String w = t.word();
        if (w.codePoints().noneMatch(Character::isLetter)) {
            return false;
        }
        if (w.length() == 1) {
            // single characters carry meaning in complaints (坑, 吵, 臭, 热) only as nouns, verbs and adjectives
            char tag = t.pos().charAt(0);
            return tag == 'n' || tag == 'v' || tag == 'a' || "term".equals(t.pos());
        }
        return true;
    }

    private static List<String> places(Lexicon lexicon, String text, List<Token> tokens) {
        Set<String> found = new LinkedHashSet<>();
        lexicon.findPlaces(text, (begin, end, kind) -> {
            if (kind == WordKind.PLACE) {
                found.add(text.substring(begin, end));
            }
        });
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (PLACE_SUFFIXES.contains(t.word()) || endsWithDirectionalStreet(t)) {
                int start = i;
                int length = t.word().length();
                while (start > 0 && i - start < 2 && joinable(tokens.get(start - 1))
                        && length + tokens.get(start - 1).word().length() <= 10) {
                    start--;
                    length += tokens.get(start).word().length();
                }
                if (start < i) {
                    StringBuilder b = new StringBuilder();
                    for (int j = start; j <= i; j++) {
                        b.append(tokens.get(j).word());
                    }
                    found.add(b.toString());
                }
            } else if ((t.pos().startsWith("ns") || "place".equals(t.pos())) && t.word().length() >= 2) {
                found.add(t.word());
            }
        }
        // keep the longest form: 东关街道 and 东关 name one place
        List<String> places = new ArrayList<>(found.size());
        found.removeIf(GENERIC_PLACES::contains);
        for (String p : found) {
            boolean inLonger = false;
            for (String q : found) {
                if (q.length() > p.length() && q.contains(p)) {
                    inLonger = true;
                    break;
                }
            }
            if (!inLonger) {
                places.add(p);
            }
        }
        return places;
    }

    private static boolean endsWithDirectionalStreet(Token t) {
        String w = t.word();
        return w.length() >= 3 && t.pos().startsWith("ns") && (w.endsWith("路") || w.endsWith("街"));
    }

    private static boolean joinable(Token t) {
        if (t.stop() || "place".equals(t.pos()) || "unit".equals(t.pos())) {
            return false;
        }
        char tag = t.pos().charAt(0);
        return tag == 'n' || tag == 'j' || tag == 'b' || tag == 'a' || t.word().codePoints().allMatch(Character::isDigit);
    }
}
