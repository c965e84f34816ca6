package cn.hotline12345.cti.text.api;

import java.util.List;

/**
 * Persistence of the editable part of the hotline dictionary (a port; the coordinator implements it on PostgreSQL).
 * The built-in seed dictionary is not stored here: only what operators added or removed at run time.
 * Calls block (JDBC): they are made from {@link HotlineDictionary}'s mutators, which run on a worker thread.
 */
public interface DictionaryStore {

    /** Everything operators added, in the order it was added. */
    List<DictionaryEntry> loadAdded();

    /** Words operators removed (seed words included), so a restart does not bring them back. */
    List<String> loadRemoved();

    /** Stores an added or changed entry (upsert by word), and forgets a removal of the same word. */
    void saveAdded(DictionaryEntry entry);

    /** Stores a removal of the word (forgets an addition of it). */
    void saveRemoved(String word);

    /** A store that keeps nothing (tests, demo). */
    static DictionaryStore none() {
        return new DictionaryStore() {
            @Override public List<DictionaryEntry> loadAdded() { return List.of(); }
            @Override public List<String> loadRemoved() { return List.of(); }
            @Override public void saveAdded(DictionaryEntry entry) { }
            @Override public void saveRemoved(String word) { }
        };
    }
}
