package cn.hotline12345.cti.text.api;

import java.util.List;
import java.util.Optional;

/**
 * The hotline dictionary: place names, unit names, complaint words and stop words, with their meaning groups, editable
 * at run time. Every change raises {@link #version()}; the engine compares versions on each call and rebuilds its
 * segmenter when they differ, so a change takes effect on the next call without a restart.
 */
public interface HotlineDictionary {

    /** Increases by at least one on every effective change; starts at 1. */
    long version();

    /** All entries in force (seed plus added, less removed), sorted by word. */
    List<DictionaryEntry> entries();

    /** The entry for the word, if in force. */
    Optional<DictionaryEntry> find(String word);

    /**
     * Adds or replaces the entry (by word) and persists it through the {@link DictionaryStore}.
     *
     * @return null when done, or why not (in Chinese) when the entry is invalid; nothing changes then
     */
    String add(DictionaryEntry entry);

    /**
     * Removes the word (a seed word too) and persists the removal.
     *
     * @return true when the word was in force and is now gone
     */
    boolean remove(String word);
}
