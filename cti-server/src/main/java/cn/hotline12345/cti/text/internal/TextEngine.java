package cn.hotline12345.cti.text.internal;

import cn.hotline12345.cti.text.api.DictionaryStore;
import cn.hotline12345.cti.text.api.DispatchHistory;
import cn.hotline12345.cti.text.api.DispatchSuggester;
import cn.hotline12345.cti.text.api.HotTopicFinder;
import cn.hotline12345.cti.text.api.HotlineDictionary;
import cn.hotline12345.cti.text.api.Segmenter;
import cn.hotline12345.cti.text.api.SimilarMatters;
import cn.hotline12345.cti.text.api.TextIntelligence;
import cn.hotline12345.cti.text.api.UrgencyScreen;

/**
 * The text engine: one {@link HotlineDictionary}, one analyzer over it, and the parts built on the analyzer.
 * Construct it once at start-up (HanLP loads its dictionaries on first use, about half a second) and hand out the
 * {@code text.api} interfaces:
 * <pre>{@code
 * TextEngine text = TextEngine.create(dictionaryStore, dispatchHistory);  // on a worker thread: reads the store
 * text.dispatch().retrain();                                              // then nightly, on a worker thread
 * }</pre>
 */
public final class TextEngine implements TextIntelligence {

    private final HotlineDictionary dictionary;
    private final TextAnalyzer analyzer;
    private final NaiveBayesDispatchSuggester dispatch;
    private final TopicClusterer hotTopics;
    private final KeywordUrgencyScreen urgency;

    public TextEngine(HotlineDictionary dictionary, DispatchHistory history) {
        this.dictionary = dictionary;
        this.analyzer = new TextAnalyzer(dictionary);
        this.dispatch = new NaiveBayesDispatchSuggester(analyzer, history);
        this.hotTopics = new TopicClusterer(analyzer);
        this.urgency = new KeywordUrgencyScreen();
    }

    /** The seed dictionary plus the store's changes, and the given history (not yet trained on). */
    public static TextEngine create(DictionaryStore store, DispatchHistory history) {
        return new TextEngine(new InMemoryHotlineDictionary(store), history);
    }

    /** Loads HanLP's dictionaries and builds the first lexicon now rather than on the first request. */
    public TextEngine warmUp() {
        analyzer.analyze("小区楼下烧烤店油烟扰民");
        return this;
    }

    TextAnalyzer analyzer() {
        return analyzer;
    }

    @Override
    public HotlineDictionary dictionary() {
        return dictionary;
    }

    @Override
    public Segmenter segmenter() {
        return analyzer;
    }

    @Override
    public DispatchSuggester dispatch() {
        return dispatch;
    }

    @Override
    public HotTopicFinder hotTopics() {
        return hotTopics;
    }

    @Override
    public SimilarMatters newSimilarMattersIndex() {
        return new InMemorySimilarMatters(analyzer);
    }

    @Override
    public UrgencyScreen urgency() {
        return urgency;
    }
}
