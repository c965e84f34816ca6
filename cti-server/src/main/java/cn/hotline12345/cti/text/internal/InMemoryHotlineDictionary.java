package cn.hotline12345.cti.text.internal;

import cn.hotline12345.cti.text.api.DictionaryEntry;
import cn.hotline12345.cti.text.api.DictionaryStore;
import cn.hotline12345.cti.text.api.HotlineDictionary;
import cn.hotline12345.cti.text.api.WordKind;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The hotline dictionary held in memory: the seed shipped with the server ({@code hotline-dictionary.tsv} beside this
 * class) plus what operators added, less what they removed, both persisted through a {@link DictionaryStore}.
 * Readers see an immutable snapshot; writers are serialised and write through the store before the snapshot changes,
 * so a failed write changes nothing.
 */
public final class InMemoryHotlineDictionary implements HotlineDictionary {

    private final DictionaryStore store;
    private final Map<String, DictionaryEntry> seed;
    private volatile Snapshot snapshot;

    private record Snapshot(long version, TreeMap<String, DictionaryEntry> entries) { }

    /** The seed dictionary plus what the store holds. */
    public InMemoryHotlineDictionary(DictionaryStore store) {
        this(seedEntries(), store);
    }

    /** A dictionary over the given seed (tests, other cities). */
    public InMemoryHotlineDictionary(List<DictionaryEntry> seed, DictionaryStore store) {
        this.store = store;
        TreeMap<String, DictionaryEntry> s = new TreeMap<>();
        for (DictionaryEntry e : seed) {
            if (e.problem() == null) {
                s.put(e.word(), e);
            }
        }
        this.seed = Map.copyOf(s);
        TreeMap<String, DictionaryEntry> entries = new TreeMap<>(s);
        for (DictionaryEntry e : store.loadAdded()) {
            if (e.problem() == null) {
                entries.put(e.word(), e);
            }
        }
        for (String removed : store.loadRemoved()) {
            entries.remove(removed == null ? "" : removed.strip());
        }
        this.snapshot = new Snapshot(1, entries);
    }

    @Override
    public long version() {
        return snapshot.version();
    }

    @Override
    public List<DictionaryEntry> entries() {
        return List.copyOf(snapshot.entries().values());
    }

    @Override
    public Optional<DictionaryEntry> find(String word) {
        return word == null ? Optional.empty() : Optional.ofNullable(snapshot.entries().get(word.strip()));
    }

    @Override
    public synchronized String add(DictionaryEntry entry) {
        if (entry == null) {
            return "词条为空";
        }
        String problem = entry.problem();
        if (problem != null) {
            return problem;
        }
        Snapshot s = snapshot;
        if (entry.equals(s.entries().get(entry.word()))) {
            return null;
        }
        store.saveAdded(entry);
        TreeMap<String, DictionaryEntry> next = new TreeMap<>(s.entries());
        next.put(entry.word(), entry);
        snapshot = new Snapshot(s.version() + 1, next);
        return null;
    }

    @Override
    public synchronized boolean remove(String word) {
        if (word == null) {
            return false;
        }
        String w = word.strip();
        Snapshot s = snapshot;
        if (!s.entries().containsKey(w)) {
            return false;
        }
        store.saveRemoved(w);
        TreeMap<String, DictionaryEntry> next = new TreeMap<>(s.entries());
        next.remove(w);
        snapshot = new Snapshot(s.version() + 1, next);
        return true;
    }

    /** True when the word is part of the shipped seed (removing it is stored as a removal). */
    public boolean isSeed(String word) {
        return word != null && seed.containsKey(word.strip());
    }

    /**
     * The shipped seed: lines of {@code word<TAB>kind[<TAB>concept]}, {@code #} starting a comment. Kinds are the
     * names of {@link WordKind} in lower case; a line with a bad kind is a build error caught by the tests.
     */
    public static List<DictionaryEntry> seedEntries() {
        try (InputStream in = InMemoryHotlineDictionary.class.getResourceAsStream("hotline-dictionary.tsv")) {
            if (in == null) {
                throw new IllegalStateException("hotline-dictionary.tsv missing from the class path");
            }
            List<DictionaryEntry> entries = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                WordKind kind = parts.length > 1 ? WordKind.valueOf(parts[1].strip().toUpperCase()) : WordKind.TERM;
                String concept = parts.length > 2 ? parts[2] : null;
                for (String word : parts[0].split("[,，]")) {
                    entries.add(new DictionaryEntry(word, kind, concept));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
