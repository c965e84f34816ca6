package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.CallWriteItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local, append-only journal where the call record writer puts what it cannot write while PostgreSQL is
 * down and its in-memory queue is filling up. Each segment file holds length-prefixed frames of one batch;
 * segments are replayed oldest first once the database answers again and deleted when written. Used only
 * from the writer's own thread (never an event loop).
 */
final class SpillJournal {

    private static final Logger LOG = LoggerFactory.getLogger(SpillJournal.class);
    /** Only our own record types (and the JDK collections and time types inside them) are read back. */
    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "cn.hotline12345.cti.call.api.*;java.util.*;java.time.*;java.lang.*;java.io.*;!*;maxdepth=20;maxarray=100000");

    private final Path dir;
    private long sequence;
    private long spilled;

    SpillJournal(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                sequence = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("spill-\\d+\\.bin"))
                        .mapToLong(n -> Long.parseLong(n.substring(6, n.length() - 4))).max().orElse(0);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot use journal directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Items per segment at most: well under the read filter's {@code maxarray}, which a whole spilled backlog
     * (100,000 items and more) exceeded, so that its segment could never be read back.
     */
    static final int SEGMENT_ITEMS = 10_000;

    /** Appends items as new segments of at most {@link #SEGMENT_ITEMS}; durable (fsync) before returning. */
    void append(List<CallWriteItem> items) throws IOException {
        for (int i = 0; i < items.size(); i += SEGMENT_ITEMS) {
            appendSegment(items.subList(i, Math.min(items.size(), i + SEGMENT_ITEMS)));
        }
    }

    private void appendSegment(List<CallWriteItem> items) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(items));
        }
        Path file = dir.resolve(String.format("spill-%012d.bin", ++sequence));
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch)))) {
            out.writeInt(bytes.size());
            bytes.writeTo(out);
            out.flush();
            ch.force(true);
        }
        spilled += items.size();
    }

    /** Items in the segments left by an earlier run (read once at start). */
    long countItems() {
        long n = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().matches("spill-\\d+\\.bin")).toList()) {
                n += read(p).size();
            }
        } catch (IOException e) {
            LOG.error("cannot read the spill journal in {}: {}", dir, e.getMessage());
        }
        return n;
    }

    /** The oldest segment, or null when the journal is empty. */
    Path oldest() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("spill-\\d+\\.bin")).sorted().findFirst().orElse(null);
        }
    }

    List<CallWriteItem> read(Path segment) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(segment)))) {
            int len = in.readInt();
            byte[] data = in.readNBytes(len);
            if (data.length != len) {
                throw new EOFException("truncated journal segment " + segment);
            }
            try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(data))) {
                ois.setObjectInputFilter(FILTER);
                return items(ois.readObject());
            } catch (ClassNotFoundException e) {
                throw new IOException("unreadable journal segment " + segment + ": " + e.getMessage(), e);
            }
        } catch (EOFException e) {
            LOG.error("journal segment {} is truncated (written during a crash?); keeping it aside", segment);
            Files.move(segment, segment.resolveSibling(segment.getFileName() + ".broken"));
            return List.of();
        } catch (java.io.ObjectStreamException e) {
            // Refused by the filter or not a journal at all: retrying can never succeed and would stop the
            // writer's loop from getting past it. Kept on disk for an operator, named in the log.
            LOG.error("journal segment {} cannot be read ({}); keeping it aside", segment, e.getMessage());
            Files.move(segment, segment.resolveSibling(segment.getFileName() + ".broken"));
            return List.of();
        }
    }

    void delete(Path segment) throws IOException {
        Files.deleteIfExists(segment);
    }

    boolean isEmpty() throws IOException {
        return oldest() == null;
    }

    long spilledItems() {
        return spilled;
    }

    /** What a segment holds must be a list of call items and nothing else: anything else is not a journal of ours. */
    private static List<CallWriteItem> items(Object read) throws java.io.InvalidObjectException {
        if (!(read instanceof List<?> list)) {
            throw new java.io.InvalidObjectException("not a list of call items");
        }
        List<CallWriteItem> items = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof CallWriteItem item)) {
                throw new java.io.InvalidObjectException("not a call item: " + (o == null ? "null" : o.getClass().getName()));
            }
            items.add(item);
        }
        return items;
    }
}
