package cn.hotline12345.cti.text.internal;

import cn.hotline12345.cti.text.api.FlagHit;
import cn.hotline12345.cti.text.api.TextPriority;
import cn.hotline12345.cti.text.api.UrgencyAssessment;
import cn.hotline12345.cti.text.api.UrgencyFlag;
import cn.hotline12345.cti.text.api.UrgencyScreen;
import com.hankcs.hanlp.collection.AhoCorasick.AhoCorasickDoubleArrayTrie;
import com.hankcs.hanlp.dictionary.other.CharTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link UrgencyScreen} by phrase matching ({@link UrgencyRules}) on a compacted form of the text: control characters
 * out, full-width, traditional and upper-case characters normalised, and spaces, punctuation and symbols removed, so
 * "不 想 活 了", "不想…活了" and "不想活了！" all match. Hits are mapped back to the text as written.
 */
final class KeywordUrgencyScreen implements UrgencyScreen {

    /** Longest text screened; intake text beyond this is cut (and said so). */
    static final int MAX_SCREENED = 20_000;

    private final AhoCorasickDoubleArrayTrie<List<UrgencyRules.Phrase>> phrases = trie(UrgencyRules.PHRASES.stream()
            .map(p -> Map.entry(p.phrase(), p)).toList());
    private final AhoCorasickDoubleArrayTrie<List<UrgencyRules.Exclusion>> exclusions = trie(UrgencyRules.EXCLUSIONS
            .stream().map(e -> Map.entry(e.phrase(), e)).toList());
    private final List<AhoCorasickDoubleArrayTrie<List<String>>> pairWho = new ArrayList<>();
    private final List<AhoCorasickDoubleArrayTrie<List<String>>> pairDanger = new ArrayList<>();

    KeywordUrgencyScreen() {
        for (UrgencyRules.Pair pair : UrgencyRules.PAIRS) {
            pairWho.add(trie(pair.who().stream().map(w -> Map.entry(w, w)).toList()));
            pairDanger.add(trie(pair.danger().stream().map(w -> Map.entry(w, w)).toList()));
        }
    }

    private static <V> AhoCorasickDoubleArrayTrie<List<V>> trie(List<Map.Entry<String, V>> entries) {
        TreeMap<String, List<V>> map = new TreeMap<>();
        for (Map.Entry<String, V> e : entries) {
            map.computeIfAbsent(CharTable.convert(e.getKey()), k -> new ArrayList<>()).add(e.getValue());
        }
        AhoCorasickDoubleArrayTrie<List<V>> trie = new AhoCorasickDoubleArrayTrie<>();
        trie.build(map);
        return trie;
    }

    @Override
    public UrgencyAssessment screen(String text) {
        NormalizedText input = NormalizedText.of(text, MAX_SCREENED);
        List<String> notes = input.notes("来电文本", MAX_SCREENED);
        if (input.empty()) {
            return new UrgencyAssessment(Set.of(), List.of(), TextPriority.NORMAL, "", notes);
        }
        // compact: drop whitespace, punctuation and symbols, remember where each kept character came from
        String normalized = input.text();
        StringBuilder compact = new StringBuilder(normalized.length());
        int[] origin = new int[normalized.length()];
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                origin[compact.length()] = i;
                compact.append(c);
            }
        }
        String s = compact.toString();
        List<int[]> excluded = new ArrayList<>();
        List<UrgencyFlag> excludedFlags = new ArrayList<>();
        exclusions.parseText(s, (b, e, list) -> list.forEach(x -> {
            excluded.add(new int[]{b, e});
            excludedFlags.add(x.flag());
        }));
        List<FlagHit> hits = new ArrayList<>();
        phrases.parseText(s, (b, e, list) -> {
            for (UrgencyRules.Phrase p : list) {
                if (!covered(p.flag(), b, e, excluded, excludedFlags)) {
                    hits.add(hit(p.flag(), p.phrase(), p.priority(), b, e, origin, input.raw()));
                }
            }
        });
        for (int k = 0; k < UrgencyRules.PAIRS.size(); k++) {
            UrgencyRules.Pair pair = UrgencyRules.PAIRS.get(k);
            List<int[]> who = new ArrayList<>();
            pairWho.get(k).parseText(s, (b, e, w) -> who.add(new int[]{b, e}));
            if (who.isEmpty()) {
                continue;
            }
            pairDanger.get(k).parseText(s, (b, e, words) -> {
                for (int[] w : who) {
                    if (w[1] <= b && b - w[1] <= UrgencyRules.PAIR_GAP) {
                        hits.add(hit(pair.flag(), s.substring(w[0], w[1]) + "…" + words.get(0), pair.priority(),
                                w[0], e, origin, input.raw()));
                        break;
                    }
                }
            });
        }
        hits.sort(Comparator.comparingInt(FlagHit::offset).thenComparing(h -> h.flag().ordinal()));
        List<FlagHit> distinct = dedupe(hits);
        Set<UrgencyFlag> flags = EnumSet.noneOf(UrgencyFlag.class);
        TextPriority priority = TextPriority.NORMAL;
        Map<UrgencyFlag, List<String>> words = new LinkedHashMap<>();
        for (FlagHit h : distinct) {
            flags.add(h.flag());
            if (h.priority().compareTo(priority) > 0) {
                priority = h.priority();
            }
            List<String> w = words.computeIfAbsent(h.flag(), f -> new ArrayList<>());
            if (!w.contains(h.word())) {
                w.add(h.word());
            }
        }
        return new UrgencyAssessment(Set.copyOf(flags), List.copyOf(distinct), priority, summary(words), notes);
    }

    private static boolean covered(UrgencyFlag flag, int b, int e, List<int[]> excluded, List<UrgencyFlag> flags) {
        for (int i = 0; i < excluded.size(); i++) {
            int[] x = excluded.get(i);
            if (flags.get(i) == flag && x[0] <= b && e <= x[1]) {
                return true;
            }
        }
        return false;
    }

    private static FlagHit hit(UrgencyFlag flag, String word, TextPriority priority, int b, int e, int[] origin,
                               String raw) {
        int start = origin[b];
        int end = origin[e - 1] + 1;
        return new FlagHit(flag, word, raw.substring(start, end), start, priority);
    }

    /** One hit per flag and place: 不想活了 also contains 不想活, which says nothing more. */
    private static List<FlagHit> dedupe(List<FlagHit> hits) {
        List<FlagHit> out = new ArrayList<>(hits.size());
        for (FlagHit h : hits) {
            boolean inside = false;
            for (FlagHit o : hits) {
                if (o != h && o.flag() == h.flag() && o.offset() <= h.offset()
                        && h.offset() + h.matched().length() <= o.offset() + o.matched().length()
                        && o.matched().length() > h.matched().length()) {
                    inside = true;
                    break;
                }
            }
            boolean duplicate = out.stream().anyMatch(o -> o.flag() == h.flag() && o.offset() == h.offset()
                    && o.matched().equals(h.matched()));
            if (!inside && !duplicate) {
                out.add(h);
            }
        }
        return out;
    }

    private static String summary(Map<UrgencyFlag, List<String>> words) {
        if (words.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("检测到：");
        words.forEach((flag, w) -> {
            if (b.length() > 4) {
                b.append("；");
            }
            b.append(flag.label()).append("（").append(String.join("、", w)).append("）");
        });
        return b.toString();
    }
}
