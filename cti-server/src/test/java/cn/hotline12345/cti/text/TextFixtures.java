package cn.hotline12345.cti.text;

import cn.hotline12345.cti.text.api.DictionaryStore;
import cn.hotline12345.cti.text.internal.TextEngine;
import cn.hotline12345.cti.text.synth.HotlineHistoryGenerator;
import cn.hotline12345.cti.text.synth.SyntheticHistory;

/** One generated month and one engine trained on it, shared by the tests (generating and training take seconds). */
final class TextFixtures {

    /** The tests' seed; the offline evaluation uses another one, so nothing is tuned on what is measured there. */
    static final long SEED = 777;

    private static SyntheticHistory history;
    private static TextEngine trained;

    private TextFixtures() {
    }

    static synchronized SyntheticHistory month() {
        if (history == null) {
            history = new HotlineHistoryGenerator(HotlineHistoryGenerator.Options.defaults().withSeed(SEED)
                    .withDays(30, 250).withIncidents(12)).generate();
        }
        return history;
    }

    /** An engine over the seed dictionary, trained on {@link #month()}. */
    static synchronized TextEngine trained() {
        if (trained == null) {
            trained = TextEngine.create(DictionaryStore.none(), month());
            trained.dispatch().retrain();
        }
        return trained;
    }

    /** A fresh, untrained engine with its own dictionary. */
    static TextEngine fresh() {
        return TextEngine.create(DictionaryStore.none(), () -> java.util.stream.Stream.empty());
    }
}
