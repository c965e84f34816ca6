package cn.hotline12345.cti.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One measured phase: a fresh session of the {@link FakeAmiServer}, one {@link IngestClient}, the segment
 * streamed for a while, and what it cost.
 */
final class IngestRun {

    /** Throughput over one sampling window. */
    record Window(double startSeconds, double eventsPerSecond) {
    }

    /**
     * @param sent       what the load tool sent
     * @param received   stream events the client took in
     * @param seconds    from the first byte sent to the moment the client had taken in its last event
     * @param usage      JVM cost over that time (load tool excluded)
     * @param windows    throughput per sampling window
     * @param postgresCpuNanos CPU of the PostgreSQL processes over that time (-1 when unknown)
     */
    record Result(String label, FakeAmiServer.StreamResult sent, long received, double seconds, Usage usage,
                  List<Window> windows, long postgresCpuNanos, FakeAmiServer.Session session) {

        /** Events sent per second: every client is charged for the same bytes. */
        double eventsPerSecond() {
            return sent.events() / seconds;
        }

        double callsPerSecond() {
            return sent.calls() / seconds;
        }

        double cpuMicrosPerEvent() {
            return usage.clientCpuNanos() / 1e3 / sent.events();
        }

        double bytesPerEvent() {
            return (double) usage.allocatedBytes() / sent.events();
        }

        /** The slowest full window after the first (JIT warm-up) one. */
        double minWindowRate() {
            return windows.stream().skip(1).mapToDouble(Window::eventsPerSecond).min().orElse(Double.NaN);
        }

        double maxWindowRate() {
            return windows.stream().skip(1).mapToDouble(Window::eventsPerSecond).max().orElse(Double.NaN);
        }
    }

    private IngestRun() {
    }

    /**
     * Streams {@code segment} to {@code client} for at least {@code duration} (whole repetitions), starting
     * with epoch {@code firstEpoch}; {@code eventsPerSecond} 0 = full speed.
     *
     * @param beforeStream called with the session once the client is ready (e.g. to arm probes)
     * @param postgres     the PostgreSQL processes to charge CPU to, or null
     * @return the result; the caller closes its session after the client (so the client leaves first)
     */
    static Result run(FakeAmiServer server, IngestClient client, StreamSegment segment, long firstEpoch,
                      Duration duration, int minRepetitions, double eventsPerSecond, Duration window,
                      java.util.function.Consumer<FakeAmiServer.Session> beforeStream, ProcessCpu postgres)
            throws Exception {
        CompletableFuture<FakeAmiServer.Session> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept(Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new IllegalStateException("no client connected", e);
            }
        });
        client.connect(server.port());
        FakeAmiServer.Session session = accepted.get();
        boolean ok = false;
        try {
            client.awaitReady(session, Duration.ofSeconds(30));
            beforeStream.accept(session);
            AtomicReference<FakeAmiServer.StreamResult> result = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    result.set(session.stream(segment, firstEpoch, duration, minRepetitions, eventsPerSecond));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "fake-ami-writer");
            writer.setDaemon(true);
            Set<Long> tool = new HashSet<>();
            tool.add(session.readerThread().getId());
            tool.add(writer.getId());
            long base = client.events();
            Usage before = Usage.now(tool);
            long pgBefore = postgres == null ? -1 : postgres.cpuNanos();
            writer.start();
            List<Window> windows = new ArrayList<>();
            long start = System.nanoTime();
            long windowStart = start;
            long windowBase = base;
            while (writer.isAlive()) {
                writer.join(Math.min(window.toMillis(), 100));
                long now = System.nanoTime();
                if (now - windowStart >= window.toNanos()) {
                    long n = client.events();
                    windows.add(new Window((windowStart - start) / 1e9, (n - windowBase) / ((now - windowStart) / 1e9)));
                    windowStart = now;
                    windowBase = n;
                }
            }
            if (failure.get() != null) {
                throw new IllegalStateException("load tool failed", failure.get());
            }
            FakeAmiServer.StreamResult sent = result.get();
            // wait until the client has everything (or, when its count is not exact, has taken nothing more for 3 s)
            long last = client.events();
            long lastChange = System.nanoTime();
            while ((!client.exactCount() || last - base < sent.events()) && System.nanoTime() - lastChange < 3_000_000_000L) {
                Thread.sleep(1);
                long n = client.events();
                if (n != last) {
                    last = n;
                    lastChange = System.nanoTime();
                }
            }
            long end = lastChange;
            Usage used = Usage.now(tool).minus(before);
            long pgUsed = postgres == null ? -1 : postgres.cpuNanos() - pgBefore;
            ok = true;
            return new Result(client.label(), sent, last - base, (end - sent.startNanos()) / 1e9, used, windows, pgUsed,
                    session);
        } finally {
            if (!ok) {
                session.close();
            }
        }
    }
}
