package cn.hotline12345.pbxsim.engine;

import io.vertx.core.Vertx;

/**
 * Simulated time: real Vert.x timers, optionally sped up by {@code scale} (0.01 = a simulated
 * second lasts 10 ms) so that tests of a 3-second talk time finish quickly. Wall-clock values that
 * appear on the wire (Uniqueid epochs, Uptime, LastCall) advance in simulated time.
 */
public final class SimClock {
  private final Vertx vertx;
  private final double scale;
  private final long startReal;
  private final long startEpochMs;

  public SimClock(Vertx vertx, double scale) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("time scale must be > 0");
    }
    this.vertx = vertx;
    this.scale = scale;
    this.startReal = System.nanoTime();
    this.startEpochMs = System.currentTimeMillis();
  }

  public double scale() {
    return scale;
  }

  /** Simulated epoch milliseconds. */
  public long nowMs() {
    long realElapsedMs = (System.nanoTime() - startReal) / 1_000_000L;
    return startEpochMs + (long) (realElapsedMs / scale);
  }

  public long nowSec() {
    return nowMs() / 1000;
  }

  /** Runs {@code task} after {@code simMs} simulated milliseconds; returns a timer id. */
  public long schedule(long simMs, Runnable task) {
    long real = Math.max(1, (long) (simMs * scale));
    return vertx.setTimer(real, id -> task.run());
  }

  public void cancel(long timerId) {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }
}
