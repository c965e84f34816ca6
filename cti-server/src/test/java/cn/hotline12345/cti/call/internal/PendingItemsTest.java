package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.AgentStateChange;
import cn.hotline12345.cti.call.api.CallEventRecord;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallRecord;
import cn.hotline12345.cti.call.api.CallWriteItem;
import cn.hotline12345.cti.call.api.Disposition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PendingItemsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void aNewerRecordOfAWaitingCallReplacesItInItsPlace() {
        PendingItems p = new PendingItems(100);
        assertThat(p.offer(record("a", null, null))).isEqualTo(PendingItems.Offer.ADDED);
        assertThat(p.offer(record("b", null, null))).isEqualTo(PendingItems.Offer.ADDED);
        assertThat(p.offer(record("a", "q-general", null))).isEqualTo(PendingItems.Offer.COALESCED);
        assertThat(p.size()).isEqualTo(2);
        List<CallWriteItem> out = new ArrayList<>();
        assertThat(p.drainTo(out, 10)).isEqualTo(2);
        assertThat(out).extracting(o -> ((CallRecord) o).key().linkedid()).containsExactly("a", "b");
        assertThat(((CallRecord) out.get(0)).queue()).isEqualTo("q-general");
        assertThat(p.isEmpty()).isTrue();
    }

    @Test
    void aWaitingRecordThatEndedTheCallIsNeverReplacedByOneThatDidNot() {
        PendingItems p = new PendingItems(100);
        p.offer(record("a", "q-general", T0.plusSeconds(60)));
        assertThat(p.offer(record("a", "q-late", null))).isEqualTo(PendingItems.Offer.COALESCED);
        List<CallWriteItem> out = new ArrayList<>();
        p.drainTo(out, 10);
        assertThat(out).singleElement().satisfies(o -> {
            assertThat(((CallRecord) o).ended()).isTrue();
            assertThat(((CallRecord) o).queue()).isEqualTo("q-general");
        });
    }

    @Test
    void fullRefusesNewItemsButStillTakesANewerRecordOfAWaitingCall() {
        PendingItems p = new PendingItems(3);
        assertThat(p.offer(record("a", null, null))).isEqualTo(PendingItems.Offer.ADDED);
        assertThat(p.offer(event("a", 1))).isEqualTo(PendingItems.Offer.ADDED);
        assertThat(p.offer(state(1))).isEqualTo(PendingItems.Offer.ADDED);
        assertThat(p.offer(event("a", 2))).isEqualTo(PendingItems.Offer.FULL);
        assertThat(p.offer(record("b", null, null))).isEqualTo(PendingItems.Offer.FULL);
        assertThat(p.offer(record("a", null, T0.plusSeconds(5)))).isEqualTo(PendingItems.Offer.COALESCED);
        assertThat(p.size()).isEqualTo(3);
        assertThatThrownBy(() -> new PendingItems(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsTakeAQuarterOfABatchWhileEventsWaitAndTheRestWhenNoneDo() {
        PendingItems p = new PendingItems(1_000);
        for (int i = 0; i < 20; i++) {
            p.offer(record("c" + i, null, null));
            p.offer(event("c" + i, i));
        }
        List<CallWriteItem> out = new ArrayList<>();
        assertThat(p.drainTo(out, 8)).isEqualTo(8);
        assertThat(out.stream().filter(CallRecord.class::isInstance).count()).isEqualTo(2);
        assertThat(out.stream().filter(CallEventRecord.class::isInstance).count()).isEqualTo(6);
        out.clear();
        assertThat(p.drainTo(out, 100)).isEqualTo(32);
        assertThat(out.stream().filter(CallRecord.class::isInstance).count()).isEqualTo(18);
        assertThat(((CallRecord) out.get(0)).key().linkedid()).as("oldest first").isEqualTo("c2");
        assertThat(p.isEmpty()).isTrue();
    }

    @Test
    void awaitItemsWaitsForAnOfferFromAnotherThread() throws Exception {
        PendingItems p = new PendingItems(10);
        assertThat(p.awaitItems(10, TimeUnit.MILLISECONDS)).isFalse();
        Thread t = new Thread(() -> p.offer(event("a", 1)));
        t.start();
        assertThat(p.awaitItems(10, TimeUnit.SECONDS)).isTrue();
        t.join();
        assertThat(p.size()).isEqualTo(1);
    }

    static CallRecord record(String linkedid, String queue, Instant endedAt) {
        return new CallRecord(new CallKey("pbx1", linkedid), "inbound", "13800138000", "张三", "12345", T0, null,
                endedAt, null, Map.of(), queue, null, null, null, null, null, null, List.of(), 0, 0, null, null,
                endedAt == null ? null : Disposition.ABANDONED_IN_IVR, endedAt == null ? null : "normal", null);
    }

    static CallEventRecord event(String linkedid, int n) {
        return new CallEventRecord(new CallKey("pbx1", linkedid), "e:" + linkedid + ":" + n, "queue_join",
                T0.plusSeconds(n), Map.of("queue", "q-general"));
    }

    static AgentStateChange state(int n) {
        return new AgentStateChange("pbx1", "PJSIP/1001", "q-general", "paused", "lunch", T0.plusSeconds(n), "s:" + n);
    }
}
