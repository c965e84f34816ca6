package cn.hotline12345.pbxsim.scenario;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DayCurveAndArrivalsTest {

  @Test
  void theHotlineDayPeaksInTheMorning() {
    DayCurve c = DayCurve.hotline();
    assertThat(c.at(LocalTime.of(10, 30))).isEqualTo(1.0);
    assertThat(c.at(LocalTime.of(10, 30))).isGreaterThan(c.at(LocalTime.of(15, 30)));
    assertThat(c.at(LocalTime.of(12, 30))).isLessThan(c.at(LocalTime.of(11, 0)));
    assertThat(c.at(LocalTime.of(3, 0))).isLessThan(0.05);
    for (int m = 0; m < 24 * 60; m++) { // no jump anywhere, midnight included
      double a = c.at(LocalTime.MIDNIGHT.plusMinutes(m));
      double b = c.at(LocalTime.MIDNIGHT.plusMinutes(m + 1));
      assertThat(Math.abs(a - b)).isLessThan(0.02);
    }
    assertThat(DayCurve.flat().at(LocalTime.NOON)).isEqualTo(1.0);
    assertThatThrownBy(() -> new DayCurve(new double[3])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DayCurve(new double[24])).isInstanceOf(IllegalArgumentException.class);
  }

  /** Exponential gaps at the candidate rate, thinned to the wanted rate (Lewis-Shedler). */
  @Test
  void arrivalsArePoissonAtTheChangingRate() {
    LoadGenerator g = new LoadGenerator(null, e -> e.toSeconds() < 100 ? 0.5 : 0.1, 0.5, () -> null, 9);
    int n = 50_000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      double gap = g.nextGapMs() / 1000.0;
      sum += gap;
      sumSq += gap * gap;
    }
    double mean = sum / n;
    assertThat(mean).isCloseTo(2.0, within(0.05));
    // an exponential's standard deviation equals its mean (a fixed period would have none)
    assertThat(Math.sqrt(sumSq / n - mean * mean)).isCloseTo(2.0, within(0.08));
    int keptEarly = 0;
    int keptLate = 0;
    for (int i = 0; i < n; i++) {
      keptEarly += g.keep(Duration.ofSeconds(10)) ? 1 : 0;
      keptLate += g.keep(Duration.ofSeconds(500)) ? 1 : 0;
    }
    assertThat(keptEarly).isEqualTo(n);
    assertThat(keptLate / (double) n).isCloseTo(0.2, within(0.01));
    assertThatThrownBy(() -> new LoadGenerator(null, e -> 1, 0, () -> null, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
