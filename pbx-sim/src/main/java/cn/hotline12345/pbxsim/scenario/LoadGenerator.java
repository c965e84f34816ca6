package cn.hotline12345.pbxsim.scenario;

import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.PbxSim;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Places calls into a running simulator as a Poisson process whose rate changes with time (a day curve, a rush
 * hour): the gaps between calls are exponential, as Erlang C's arrivals are, so the load the sizing assumes is the
 * load the simulator sees. The changing rate is drawn by thinning (Lewis and Shedler): candidates at the
 * {@code maxRate}, each kept with probability {@code rate(t) / maxRate}. Seeded: the same seed gives the same
 * arrival times and callers. Runs on Vert.x timers; keeps only counters.
 */
public final class LoadGenerator {

  private final PbxSim sim;
  private final ToDoubleFunction<Duration> rate;
  private final double maxRate;
  private final Supplier<CallerSpec> callers;
  private final Random random;
  private final AtomicLong placed = new AtomicLong();
  private volatile boolean stopped;
  private volatile long timer = -1;
  private long startedAtMs;

  /**
   * @param rate    calls per second at an elapsed time since {@link #start}
   * @param maxRate an upper bound of {@code rate} (a rate above it is cut to it)
   * @param callers the next caller (called on the timer's thread, one at a time)
   */
  public LoadGenerator(PbxSim sim, ToDoubleFunction<Duration> rate, double maxRate, Supplier<CallerSpec> callers,
            long seed) {
    if (!(maxRate > 0)) {
      throw new IllegalArgumentException("maxRate must be positive: " + maxRate);
    }
    this.sim = sim;
    this.rate = rate;
    this.maxRate = maxRate;
    this.callers = callers;
    this.random = new Random(seed);
  }

  /** The next candidate gap: exponential with mean 1 / maxRate. */
  long nextGapMs() {
    return Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) / maxRate * 1000));
  }

  /** Whether a candidate at {@code elapsed} becomes a call. */
  boolean keep(Duration elapsed) {
    double r = Math.max(0, Math.min(maxRate, rate.applyAsDouble(elapsed)));
    return random.nextDouble() * maxRate < r;
  }

  public long placed() {
    return placed.get();
  }

  /** Starts placing calls on {@code vertx} timers until {@link #stop}. */
  public void start(Vertx vertx) {
    startedAtMs = System.currentTimeMillis();
    schedule(vertx);
  }

  private void schedule(Vertx vertx) {
    if (stopped) {
      return;
    }
    timer = vertx.setTimer(nextGapMs(), id -> {
      if (stopped) {
        return;
      }
      Duration elapsed = Duration.ofMillis(System.currentTimeMillis() - startedAtMs);
      if (keep(elapsed)) {
        placed.incrementAndGet();
        sim.placeCallAsync(callers.get());
      }
      schedule(vertx);
    });
  }

  public void stop(Vertx vertx) {
    stopped = true;
    long t = timer;
    if (t >= 0) {
      vertx.cancelTimer(t);
    }
  }
}
