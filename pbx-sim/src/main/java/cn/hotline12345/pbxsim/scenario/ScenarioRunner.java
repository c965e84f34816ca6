package cn.hotline12345.pbxsim.scenario;

import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.PbxSim;
import io.vertx.core.Vertx;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Places a scenario's calls into a running simulator: the explicit schedule plus calls at a fixed
 * rate, each drawn from the caller profiles with the scenario's seed (deterministic). Keeps no
 * per-call state: only counters.
 */
public final class ScenarioRunner {
  private final PbxSim sim;
  private final Scenario scenario;
  private final Random random;
  private final AtomicLong placed = new AtomicLong();
  private long periodic = -1;

  public ScenarioRunner(PbxSim sim, Scenario scenario) {
    this.sim = sim;
    this.scenario = scenario;
    this.random = new Random(scenario.seed());
  }

  /** Caller number {@code i} for the given profile: '#' replaced by seeded random digits. */
  CallerSpec nextCaller() {
    int total = 0;
    for (Scenario.CallerProfile p : scenario.callers()) {
      total += Math.max(0, p.weight());
    }
    int pick = random.nextInt(Math.max(1, total));
    Scenario.CallerProfile chosen = scenario.callers().get(0);
    for (Scenario.CallerProfile p : scenario.callers()) {
      pick -= Math.max(0, p.weight());
      if (pick < 0) {
        chosen = p;
        break;
      }
    }
    return profileCaller(chosen);
  }

  private CallerSpec profileCaller(Scenario.CallerProfile p) {
    StringBuilder num = new StringBuilder();
    for (char ch : p.numberPattern().toCharArray()) {
      num.append(ch == '#' ? (char) ('0' + random.nextInt(10)) : ch);
    }
    return CallerSpec.of(num.toString()).name(p.name()).digits(p.digits()).patience(p.patience())
        .hangupAfter(p.hangupAfter());
  }

  public long placed() {
    return placed.get();
  }

  /** Starts placing calls on {@code vertx} timers; stops by itself after the scenario's duration. */
  public void start(Vertx vertx) {
    for (Scenario.Arrival a : scenario.schedule()) {
      CallerSpec spec = profileCaller(scenario.callers().get(a.profile()));
      vertx.setTimer(Math.max(1, a.at().toMillis()), t -> place(spec));
    }
    if (scenario.rate() > 0) {
      long periodMs = Math.max(1, Math.round(1000 / scenario.rate()));
      long perTick = Math.max(1, Math.round(scenario.rate() * periodMs / 1000.0));
      long endAt = System.currentTimeMillis() + scenario.duration().toMillis();
      periodic = vertx.setPeriodic(periodMs, id -> {
        if (System.currentTimeMillis() >= endAt) {
          vertx.cancelTimer(id);
          return;
        }
        for (int i = 0; i < perTick; i++) {
          place(nextCaller());
        }
      });
    }
  }

  private void place(CallerSpec spec) {
    placed.incrementAndGet();
    sim.placeCallAsync(spec);
  }

  public void stop(Vertx vertx) {
    if (periodic >= 0) {
      vertx.cancelTimer(periodic);
    }
  }
}
