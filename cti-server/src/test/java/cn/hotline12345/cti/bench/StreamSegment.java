package cn.hotline12345.cti.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A block of AMI traffic as a busy PBX sends it: {@code calls} renderings of a {@link CallTemplate}, at most
 * {@code concurrency} of them live at once, their events interleaved at random (each call's own events in
 * order). The segment starts and ends with no call live, so it can be sent again and again.
 *
 * <p>Every Uniqueid/Linkedid is {@code EPOCH.seq}, with a ten-digit epoch at known byte offsets: sending the
 * segment again after {@link #stampEpoch(long)} with a new epoch gives calls never seen before, for the
 * price of rewriting ten bytes per id instead of rendering the text again. Not thread-safe.
 */
public final class StreamSegment {

    private final byte[] bytes;
    private final int[] messageEnds;
    private final int[] epochOffsets;
    private final int calls;
    private final int events;
    private long epoch;

    private StreamSegment(byte[] bytes, int[] messageEnds, int[] epochOffsets, int calls) {
        this.bytes = bytes;
        this.messageEnds = messageEnds;
        this.epochOffsets = epochOffsets;
        this.calls = calls;
        this.events = messageEnds.length;
    }

    /** Renders the segment; the same arguments give the same bytes. */
    public static StreamSegment render(CallTemplate template, int calls, int concurrency, long seed) {
        if (calls < 1 || concurrency < 1) {
            throw new IllegalArgumentException("calls and concurrency must be positive");
        }
        List<CallTemplate.EventTemplate> evs = template.events();
        SplittableRandom random = new SplittableRandom(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(calls * 40_000);
        List<Integer> ends = new ArrayList<>();
        List<Integer> epochs = new ArrayList<>();
        int[] live = new int[concurrency];
        int[] cursor = new int[concurrency];
        int liveCount = 0;
        int started = 0;
        while (started < calls || liveCount > 0) {
            while (liveCount < concurrency && started < calls) {
                live[liveCount] = started++;
                cursor[liveCount] = 0;
                liveCount++;
            }
            int slot = random.nextInt(liveCount);
            int call = live[slot];
            CallTemplate.EventTemplate e = evs.get(cursor[slot]);
            for (int i = 0; i < e.holes().size(); i++) {
                out.writeBytes(e.literals().get(i));
                switch (e.holes().get(i)) {
                    case UID0, UID1, UID2, UID3 -> {
                        epochs.add(out.size());
                        out.writeBytes(("1000000000." + (4L * call + e.holes().get(i).ordinal()))
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                    case CALLER_LOCAL -> out.writeBytes(String.format("caller-sim-%08x", 2 * call).getBytes(StandardCharsets.US_ASCII));
                    case AGENT_LOCAL -> out.writeBytes(String.format("agents-%08x", 2 * call + 1).getBytes(StandardCharsets.US_ASCII));
                    case BRIDGE -> out.writeBytes(String.format("9ded9806-afea-4f0f-812a-%012x", call).getBytes(StandardCharsets.US_ASCII));
                }
            }
            out.writeBytes(e.literals().get(e.holes().size()));
            ends.add(out.size());
            if (++cursor[slot] == evs.size()) {
                live[slot] = live[liveCount - 1];
                cursor[slot] = cursor[liveCount - 1];
                liveCount--;
            }
        }
        StreamSegment s = new StreamSegment(out.toByteArray(), ends.stream().mapToInt(Integer::intValue).toArray(),
                epochs.stream().mapToInt(Integer::intValue).toArray(), calls);
        s.stampEpoch(1_000_000_000L);
        return s;
    }

    /** Rewrites every id's epoch (ten digits, 1000000000..9999999999): the next sending is new calls. */
    public void stampEpoch(long epoch) {
        if (epoch < 1_000_000_000L || epoch > 9_999_999_999L) {
            throw new IllegalArgumentException("epoch must have ten digits: " + epoch);
        }
        this.epoch = epoch;
        byte[] digits = Long.toString(epoch).getBytes(StandardCharsets.US_ASCII);
        for (int off : epochOffsets) {
            System.arraycopy(digits, 0, bytes, off, 10);
        }
    }

    public long epoch() {
        return epoch;
    }

    /** The bytes (shared, rewritten by {@link #stampEpoch}). */
    public byte[] bytes() {
        return bytes;
    }

    /** Offset just past message i. */
    public int messageEnd(int i) {
        return messageEnds[i];
    }

    public int calls() {
        return calls;
    }

    public int events() {
        return events;
    }

    public int length() {
        return bytes.length;
    }
}
