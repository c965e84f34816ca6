package cn.hotline12345.pbxsim.scenario;

import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.Reader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A load scenario: queues, agents, caller profiles and when calls arrive. Read from a small YAML
 * file (see README) or built in code. Immutable.
 *
 * @param seed       random seed: the same seed gives the same callers, digits and patience
 * @param rate       new calls per second (0 = only the explicit schedule)
 * @param duration   how long to generate calls
 * @param queues     queue definitions
 * @param agents     agent phone behaviours
 * @param callers    caller profiles, picked per call by weight
 * @param schedule   explicit arrivals (offset from start, profile index)
 */
public record Scenario(long seed, double rate, Duration duration, List<QueueConfig> queues, List<AgentSpec> agents,
    List<CallerProfile> callers, List<Arrival> schedule) {

  /**
   * A kind of caller. {@code numberPattern}: '#' characters are replaced by random digits.
   */
  public record CallerProfile(int weight, String numberPattern, String name, String digits, Duration patience,
      Duration hangupAfter) {
  }

  /** One scheduled call. */
  public record Arrival(Duration at, int profile) {
  }

  public Scenario {
    queues = List.copyOf(queues);
    agents = List.copyOf(agents);
    callers = List.copyOf(callers);
    schedule = List.copyOf(schedule);
    if (callers.isEmpty()) {
      throw new IllegalArgumentException("scenario: at least one caller profile is required (callers)");
    }
  }

  /** Parses "500ms", "3s", "10m", "1h" or a plain number of seconds. */
  public static Duration duration(Object v, String key) {
    if (v == null) {
      return null;
    }
    String s = v.toString().trim();
    try {
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
      }
      char unit = s.charAt(s.length() - 1);
      double n = Character.isDigit(unit) ? Double.parseDouble(s) : Double.parseDouble(s.substring(0, s.length() - 1));
      long ms = (long) (n * switch (unit) {
        case 'm' -> 60_000;
        case 'h' -> 3_600_000;
        default -> 1000;
      });
      return Duration.ofMillis(ms);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("scenario: bad duration for " + key + ": " + s);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List)) {
      throw new IllegalArgumentException("scenario: " + key + " must be a list");
    }
    return (List<Map<String, Object>>) v;
  }

  private static String str(Map<String, Object> m, String key, String dflt) {
    Object v = m.get(key);
    return v == null ? dflt : v.toString();
  }

  private static int num(Map<String, Object> m, String key, int dflt) {
    Object v = m.get(key);
    try {
      return v == null ? dflt : Integer.parseInt(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("scenario: " + key + " must be an integer");
    }
  }

  /** Reads the YAML format documented in pbx-sim/README.md; errors name the offending key. */
  @SuppressWarnings("unchecked")
  public static Scenario parse(Reader in) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    if (!(root instanceof Map)) {
      throw new IllegalArgumentException("scenario: top level must be a mapping");
    }
    Map<String, Object> m = (Map<String, Object>) root;
    List<QueueConfig> queues = new ArrayList<>();
    for (Map<String, Object> q : list(m, "queues")) {
      List<QueueConfig.Member> members = new ArrayList<>();
      Object mem = q.get("members");
      if (mem instanceof List<?> l) {
        for (Object o : l) {
          String iface = o.toString();
          members.add(QueueConfig.Member.of(iface, "Agent " + iface.substring(iface.indexOf('/') + 1)));
        }
      }
      queues.add(new QueueConfig(str(q, "name", "q-general"), Strategy.parse(str(q, "strategy", "rrmemory")),
          num(q, "timeout", 15), num(q, "retry", 1), num(q, "wrapup", 0), members));
    }
    List<AgentSpec> agents = new ArrayList<>();
    for (Map<String, Object> a : list(m, "agents")) {
      agents.add(new AgentSpec(str(a, "iface", null), duration(a.get("answerAfter"), "answerAfter"),
          duration(a.get("talkFor"), "talkFor"),
          AgentSpec.Response.valueOf(str(a, "response", "answer").toUpperCase(java.util.Locale.ROOT).replace('-', '_'))));
    }
    List<CallerProfile> callers = new ArrayList<>();
    for (Map<String, Object> c : list(m, "callers")) {
      callers.add(new CallerProfile(num(c, "weight", 1), str(c, "number", "138########"), str(c, "name", ""),
          str(c, "digits", ""), duration(c.get("patience"), "patience"), duration(c.get("hangupAfter"), "hangupAfter")));
    }
    List<Arrival> schedule = new ArrayList<>();
    for (Map<String, Object> s : list(m, "schedule")) {
      schedule.add(new Arrival(duration(s.get("at"), "schedule.at"), num(s, "caller", 0)));
    }
    Object rate = m.get("rate");
    double r;
    try {
      r = rate == null ? 0 : Double.parseDouble(rate.toString());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("scenario: rate must be a number");
    }
    Object seed = m.get("seed");
    return new Scenario(seed == null ? 1 : Long.parseLong(seed.toString()), r,
        duration(m.getOrDefault("duration", "60s"), "duration"), queues, agents, callers, schedule);
  }
}
