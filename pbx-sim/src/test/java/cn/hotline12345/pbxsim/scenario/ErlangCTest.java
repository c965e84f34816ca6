package cn.hotline12345.pbxsim.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ErlangCTest {

  /** Against the closed form, evaluated independently (Python, factorials): C(12, 8 E) = 0.13984. */
  @Test
  void waitProbabilityMatchesTheClosedForm() {
    assertThat(ErlangC.waitProbability(12, 8.0)).isCloseTo(0.139842, within(1e-5));
    assertThat(ErlangC.waitProbability(14, 10.8)).isCloseTo(0.273318, within(1e-5));
    assertThat(ErlangC.waitProbability(1, 0.5)).isCloseTo(0.5, within(1e-12)); // M/M/1: P(wait) = rho
    assertThat(ErlangC.waitProbability(5, 5.0)).isEqualTo(1.0);
    assertThat(ErlangC.waitProbability(5, 0.0)).isEqualTo(0.0);
  }

  @Test
  void serviceLevelAndSizing() {
    // 0.1 calls/s, 80 s each, 12 agents: 1 - 0.13984 * exp(-4 * 20 / 80) = 0.9486
    assertThat(ErlangC.serviceLevel(12, 0.1, 80, 20)).isCloseTo(0.94856, within(1e-4));
    assertThat(ErlangC.serviceLevel(8, 0.1, 80, 20)).isEqualTo(0.0);
    assertThat(ErlangC.agentsFor(0.1, 80, 20, 0.80)).isEqualTo(11);
    assertThat(ErlangC.serviceLevel(11, 0.1, 80, 20)).isGreaterThanOrEqualTo(0.80);
    assertThat(ErlangC.serviceLevel(10, 0.1, 80, 20)).isLessThan(0.80);
    assertThat(ErlangC.meanWait(12, 0.1, 80)).isCloseTo(0.139842 * 80 / 4, within(1e-3));
    assertThat(ErlangC.waitProbability(300, 280.0)).isBetween(0.0, 1.0);
  }
}
