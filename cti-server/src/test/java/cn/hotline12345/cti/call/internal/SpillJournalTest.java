package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.CallWriteItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpillJournalTest {

    @Test
    void aLargeSpillIsCutIntoSegmentsThatAllReadBack(@TempDir Path dir) throws Exception {
        SpillJournal journal = new SpillJournal(dir);
        List<CallWriteItem> items = new ArrayList<>();
        for (int i = 0; i < 2 * SpillJournal.SEGMENT_ITEMS + 5; i++) {
            items.add(PendingItemsTest.event("c" + i, i));
        }
        journal.append(items);
        assertThat(journal.countItems()).isEqualTo(items.size());
        List<CallWriteItem> back = new ArrayList<>();
        int segments = 0;
        for (Path p = journal.oldest(); p != null; p = journal.oldest()) {
            List<CallWriteItem> read = journal.read(p);
            assertThat(read).hasSizeLessThanOrEqualTo(SpillJournal.SEGMENT_ITEMS);
            back.addAll(read);
            journal.delete(p);
            segments++;
        }
        assertThat(segments).isEqualTo(3);
        assertThat(back).isEqualTo(items);
    }

    @Test
    void aSegmentTheFilterRefusesIsSetAsideNotRetriedForEver(@TempDir Path dir) throws Exception {
        // what an earlier version wrote for a spilled backlog of 100,000+ items: one list over the filter's maxarray
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 100_001; i++) {
            tooMany.add("x");
        }
        assertSetAside(dir, tooMany);
    }

    @Test
    void aSegmentOfSomethingElseThanCallItemsIsSetAsideNotHandedToTheWriter(@TempDir Path dir) throws Exception {
        // strings pass the deserialization filter (java.lang.*), but they are not call items: the writer's lane would
        // fail on them for ever; the journal refuses the segment instead
        List<Object> strangers = new ArrayList<>(List.of(PendingItemsTest.event("c1", 1), "not an item"));
        assertSetAside(dir, strangers);
    }

    /** A segment holding {@code content}, as the journal frames it: read back as nothing, and moved aside. */
    private static void assertSetAside(Path dir, Object content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(content);
        }
        Path segment = dir.resolve("spill-000000000001.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(segment))) {
            out.writeInt(bytes.size());
            bytes.writeTo(out);
        }
        SpillJournal journal = new SpillJournal(dir);
        assertThat(journal.read(segment)).isEmpty();
        assertThat(journal.oldest()).isNull();
        assertThat(dir.resolve("spill-000000000001.bin.broken")).exists();
    }
}
