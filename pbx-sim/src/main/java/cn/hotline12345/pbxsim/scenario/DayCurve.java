package cn.hotline12345.pbxsim.scenario;

import java.time.LocalTime;
import java.util.Arrays;

/**
 * How a hotline's calls spread over a day: one weight per hour (the peak hour is 1.0), interpolated linearly
 * between the middles of two hours so the rate never jumps. Immutable.
 */
public final class DayCurve {

  private final double[] hourly;

  /** @param hourly 24 weights, 00:00-01:00 first; the largest is scaled to 1.0 */
  public DayCurve(double[] hourly) {
    if (hourly == null || hourly.length != 24) {
      throw new IllegalArgumentException("a day curve needs 24 hourly weights");
    }
    double max = Arrays.stream(hourly).max().orElse(0);
    if (!(max > 0) || Arrays.stream(hourly).anyMatch(w -> !(w >= 0))) {
      throw new IllegalArgumentException("hourly weights must be >= 0 with at least one > 0");
    }
    this.hourly = Arrays.stream(hourly).map(w -> w / max).toArray();
  }

  /**
   * A city hotline's working day: quiet at night, the morning peak between 09:00 and 11:00 (people call as
   * offices open), a dip over lunch, a second, lower peak in the afternoon and a long evening tail. The shape
   * follows what city hotlines publish of their hourly intake; the figures are this project's own.
   */
  public static DayCurve hotline() {
    return new DayCurve(new double[] {
      0.06, 0.04, 0.03, 0.03, 0.03, 0.05, 0.10, 0.25,   // 00-08
      0.62, 0.95, 1.00, 0.86, 0.52, 0.58, 0.80, 0.84,   // 08-16
      0.76, 0.62, 0.45, 0.40, 0.34, 0.25, 0.16, 0.10}); // 16-24
  }

  /** A flat day (every hour the same): for load tests that want a steady rate. */
  public static DayCurve flat() {
    double[] w = new double[24];
    Arrays.fill(w, 1.0);
    return new DayCurve(w);
  }

  /** The weight at a time of day, 0..1. */
  public double at(LocalTime t) {
    double h = t.toSecondOfDay() / 3600.0 - 0.5; // hour middles are the knots
    int lo = (int) Math.floor(h);
    double frac = h - lo;
    double a = hourly[Math.floorMod(lo, 24)];
    double b = hourly[Math.floorMod(lo + 1, 24)];
    return a + (b - a) * frac;
  }

  /** The weight of one hour (0..23), as given (scaled). */
  public double hour(int h) {
    return hourly[h];
  }

  /** Mean weight over the day: the day's calls are {@code 24 h x peak rate x mean()}. */
  public double mean() {
    return Arrays.stream(hourly).average().orElse(0);
  }
}
