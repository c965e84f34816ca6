package cn.hotline12345.pbxsim.scenario;

/**
 * Erlang C, the queueing model call centres are staffed with: calls arrive as a Poisson process at {@code lambda}
 * per second, each holds an agent for an exponentially distributed handling time with mean {@code aht} seconds,
 * {@code agents} agents serve one queue in arrival order, nobody gives up. With the offered load
 * {@code A = lambda * aht} (Erlangs) and {@code A < agents}:
 *
 * <pre>
 *   P(wait)        = (A^c / c!) * c / (c - A)  /  ( sum_{k<c} A^k / k!  +  (A^c / c!) * c / (c - A) )
 *   SL(T)          = 1 - P(wait) * exp(-(c - A) * T / aht)         share answered within T seconds
 *   mean wait      = P(wait) * aht / (c - A)
 * </pre>
 *
 * It errs on the careful side for the demo: callers who give up (they do) and handling times less spread than
 * exponential make the real queue shorter than Erlang C says. Computed with the Erlang B recursion, which stays
 * exact for hundreds of agents.
 */
public final class ErlangC {

  private ErlangC() {
  }

  /** Probability that a call has to wait; 1 when the load reaches the agents. */
  public static double waitProbability(int agents, double erlangs) {
    if (agents <= 0 || erlangs >= agents) {
      return 1.0;
    }
    if (erlangs <= 0) {
      return 0.0;
    }
    // Erlang B by recursion: B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1)); then C = c B / (c - A (1 - B))
    double b = 1.0;
    for (int k = 1; k <= agents; k++) {
      b = erlangs * b / (k + erlangs * b);
    }
    return agents * b / (agents - erlangs * (1 - b));
  }

  /** Share of calls answered within {@code targetSeconds}. */
  public static double serviceLevel(int agents, double lambdaPerSecond, double ahtSeconds, double targetSeconds) {
    double a = lambdaPerSecond * ahtSeconds;
    if (a >= agents) {
      return 0.0;
    }
    return 1 - waitProbability(agents, a) * Math.exp(-(agents - a) * targetSeconds / ahtSeconds);
  }

  /** Mean wait over all calls, in seconds (infinite when overloaded). */
  public static double meanWait(int agents, double lambdaPerSecond, double ahtSeconds) {
    double a = lambdaPerSecond * ahtSeconds;
    if (a >= agents) {
      return Double.POSITIVE_INFINITY;
    }
    return waitProbability(agents, a) * ahtSeconds / (agents - a);
  }

  /** The fewest agents that reach {@code target} service level within {@code targetSeconds}. */
  public static int agentsFor(double lambdaPerSecond, double ahtSeconds, double targetSeconds, double target) {
    int c = Math.max(1, (int) Math.floor(lambdaPerSecond * ahtSeconds) + 1);
    while (serviceLevel(c, lambdaPerSecond, ahtSeconds, targetSeconds) < target) {
      c++;
    }
    return c;
  }
}
