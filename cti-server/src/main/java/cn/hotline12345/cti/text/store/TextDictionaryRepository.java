package cn.hotline12345.cti.text.store;

import cn.hotline12345.cti.text.api.DictionaryEntry;
import cn.hotline12345.cti.text.api.DictionaryStore;
import cn.hotline12345.cti.text.api.WordKind;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Locale;

/**
 * The operators' additions to and removals from the hotline dictionary, in {@code text_dictionary_entry} (V100). Blocking
 * (JDBC): the dictionary calls it from its mutators, which the routes run on a worker thread.
 */
public final class TextDictionaryRepository implements DictionaryStore {

    private final DSLContext dsl;

    public TextDictionaryRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<DictionaryEntry> loadAdded() {
        return dsl.resultQuery("select word, kind, concept from text_dictionary_entry where not removed order by seq")
                .fetch(r -> new DictionaryEntry(r.get(0, String.class),
                        WordKind.valueOf(r.get(1, String.class).toUpperCase(Locale.ROOT)), r.get(2, String.class)));
    }

    @Override
    public List<String> loadRemoved() {
        return dsl.resultQuery("select word from text_dictionary_entry where removed order by seq")
                .fetch(r -> r.get(0, String.class));
    }

    @Override
    public void saveAdded(DictionaryEntry e) {
        dsl.execute("insert into text_dictionary_entry (word, kind, concept, removed) values (?, ?, ?, false) "
                        + "on conflict (word) do update set kind = excluded.kind, concept = excluded.concept, removed = false, "
                        + "changed_at = now(), seq = nextval('text_dictionary_entry_seq_seq')",
                e.word(), e.kind().name().toLowerCase(Locale.ROOT), e.concept());
    }

    @Override
    public void saveRemoved(String word) {
        dsl.execute("insert into text_dictionary_entry (word, kind, removed) values (?, 'term', true) "
                + "on conflict (word) do update set removed = true, changed_at = now(), "
                + "seq = nextval('text_dictionary_entry_seq_seq')", word);
    }
}
