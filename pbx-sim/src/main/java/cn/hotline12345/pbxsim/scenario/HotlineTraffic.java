package cn.hotline12345.pbxsim.scenario;

import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.conf.QueuesConf;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A city hotline's day of calls for the shipped dialplan and IVR flows (docker/asterisk, ivr-scripts' hotline.yaml):
 * who calls, when, what they press, how long they talk and how long they wait. Demo mode runs it; tests and
 * benchmarks may too. Seeded: the same options give the same calls.
 *
 * <p><b>When:</b> a Poisson process whose rate follows {@link DayCurve#hotline()} over a compressed day
 * ({@code dayLength} of real time is 24 hotline hours, starting at {@code dayStart}), peaking at
 * {@code peakCallsPerSecond}; a {@link RushHour} multiplies it for a while.
 *
 * <p><b>Who:</b> a population of {@code citizens} numbers (mobiles of the three carriers and Weifang fixed lines,
 * 0536), each calling rarely; the {@code returning} numbers (citizens with an open matter: they follow it up or
 * urge it, 催办) call about one call in nine; a few nuisance numbers call often: {@code warned} ones (under a
 * warning: they hear the legal notice) and {@code dedicated} ones (under a supervisor's dedicated-queue measure:
 * they reach q-special).
 *
 * <p><b>What they press</b> (hotline.yaml; every group is pressed when a prompt that takes digits starts): first a
 * throw-away digit at the emergency notice (it takes only 9), then the main menu, then a category or a topic, then
 * after the agent hung up the survey rating. See {@link Intent}.
 */
public final class HotlineTraffic {

  /** What a caller wants: the digits they press and where that leads in the shipped flows. */
  public enum Intent {
    /** 1 report, 1 consultation: q-consult. */
    CONSULT("q-consult", 35, 110),
    /** 1, 2 help: q-help. */
    HELP("q-help", 50, 140),
    /** 1, 3 suggestion: q-suggest. */
    SUGGEST("q-suggest", 40, 120),
    /** 1, 4 complaint: q-complaint. */
    COMPLAINT("q-complaint", 60, 170),
    /** 1, 5 report (举报): q-complaint too (hotline.yaml q-report routes there). */
    REPORT("q-complaint", 60, 170),
    /** 0 at the main menu: the operator, q-general. */
    OPERATOR("q-general", 30, 100),
    /** presses nothing (an elderly caller): the menu times out to the operator. */
    NO_INPUT("q-general", 40, 120),
    /** 3, a topic: hears the knowledge answer and hangs up, served by the IVR alone. */
    KNOWLEDGE_SELF(null, 0, 0),
    /** 3, a topic, then 0 during the answer: q-consult. */
    KNOWLEDGE_AGENT("q-consult", 30, 90),
    /** hangs up during the welcome. */
    HANGUP_IN_IVR(null, 0, 0),
    /** a citizen with an open matter, offered it first: 1 takes the offer, q-general with priority 5. */
    FOLLOW_UP("q-general", 40, 120),
    /** a citizen with an open matter checks its progress (2, 2, #: own number), then asks for an agent (0). */
    STATUS("q-general", 30, 80),
    /** a caller under a warning measure: hears the legal notice, reaches the operator anyway (art. 12, 34). */
    NUISANCE_WARNED("q-general", 20, 60),
    /** a caller under a dedicated-queue measure: q-special, and keeps the agent long. */
    NUISANCE_DEDICATED("q-special", 120, 300);

    /** The queue the caller ends in when the flow goes as planned; null when no agent is wanted. */
    public final String queue;
    final int talkMin;
    final int talkMax;

    Intent(String queue, int talkMin, int talkMax) {
      this.queue = queue;
      this.talkMin = talkMin;
      this.talkMax = talkMax;
    }

    /** Mean talk time in seconds (0 for the IVR-only intents). */
    public double meanTalkSeconds() {
      return (talkMin + talkMax) / 2.0;
    }
  }

  /** The ordinary callers' mix (percent); returning and nuisance callers come on top, see {@link #share}. */
  static final Map<Intent, Double> ORDINARY = new EnumMap<>(Map.of(
      Intent.CONSULT, 22.0, Intent.HELP, 14.0, Intent.SUGGEST, 6.0, Intent.COMPLAINT, 16.0, Intent.REPORT, 4.0,
      Intent.OPERATOR, 14.0, Intent.NO_INPUT, 3.0, Intent.KNOWLEDGE_SELF, 8.0, Intent.KNOWLEDGE_AGENT, 5.0,
      Intent.HANGUP_IN_IVR, 4.0));
  static final double FOLLOW_UP_SHARE = 0.07;
  static final double STATUS_SHARE = 0.04;
  static final double WARNED_SHARE = 0.012;
  static final double DEDICATED_SHARE = 0.008;

  /**
   * A rush: for {@code length}, starting {@code after} the start, the rate is {@code factor} times the curve's
   * (demo mode's switch to show the overflow queue, callbacks and the service-level alarm on purpose).
   */
  public record RushHour(Duration after, Duration length, double factor) {
    public RushHour {
      if (after.isNegative() || length.isNegative() || length.isZero() || !(factor >= 1)) {
        throw new IllegalArgumentException("rush hour: after >= 0, length > 0, factor >= 1");
      }
    }

    boolean active(Duration elapsed) {
      return elapsed.compareTo(after) >= 0 && elapsed.compareTo(after.plus(length)) < 0;
    }
  }

  /**
   * @param seed               random seed
   * @param agents             simulated agents, extensions 1001..
   * @param peakCallsPerSecond offered calls per second at the day's peak (the curve's 1.0)
   * @param dayLength          real time of one hotline day (24 h = follow the clock)
   * @param dayStart           the hotline time at the start
   * @param citizens           ordinary callers' population
   * @param returning          numbers of citizens with an open matter (may be empty)
   * @param warned             numbers under a warning measure (may be empty)
   * @param dedicated          numbers under a dedicated-queue measure (may be empty)
   * @param rush               null: no rush hour
   * @param prompt             how long every prompt lasts in the simulator (its promptSamples / 8 ms)
   */
  public record Options(long seed, int agents, double peakCallsPerSecond, Duration dayLength, LocalTime dayStart,
             int citizens, List<String> returning, List<String> warned, List<String> dedicated,
             RushHour rush, Duration prompt) {
    public Options {
      if (agents < 1 || !(peakCallsPerSecond >= 0) || dayLength.isNegative() || dayLength.isZero()
          || citizens < 1 || prompt.isNegative() || prompt.isZero()) {
        throw new IllegalArgumentException("hotline traffic: agents >= 1, rate >= 0, day length, citizens and"
            + " prompt > 0");
      }
      returning = List.copyOf(returning);
      warned = List.copyOf(warned);
      dedicated = List.copyOf(dedicated);
    }

    public static Options defaults(int agents, double peakCallsPerSecond) {
      return new Options(42, agents, peakCallsPerSecond, Duration.ofMinutes(60), LocalTime.of(8, 0), 20_000,
          List.of(), List.of(), List.of(), null, Duration.ofSeconds(2));
    }

    public Options withSeed(long s) {
      return new Options(s, agents, peakCallsPerSecond, dayLength, dayStart, citizens, returning, warned,
          dedicated, rush, prompt);
    }

    public Options withDay(Duration length, LocalTime start) {
      return new Options(seed, agents, peakCallsPerSecond, length, start, citizens, returning, warned, dedicated,
          rush, prompt);
    }

    public Options withCallers(List<String> returningNumbers, List<String> warnedNumbers,
                 List<String> dedicatedNumbers) {
      return new Options(seed, agents, peakCallsPerSecond, dayLength, dayStart, citizens, returningNumbers,
          warnedNumbers, dedicatedNumbers, rush, prompt);
    }

    public Options withRush(RushHour r) {
      return new Options(seed, agents, peakCallsPerSecond, dayLength, dayStart, citizens, returning, warned,
          dedicated, r, prompt);
    }
  }

  /** One generated call: why the caller calls and how they behave. */
  public record Call(Intent intent, CallerSpec spec) {
  }

  /** The first extension of the simulated agents. */
  public static final int FIRST_EXTENSION = 1001;
  /** Agents serving q-special (callers under a dedicated-queue measure): the most experienced, the first ones. */
  public static final int SPECIAL_AGENTS = 3;

  private static final String[] MOBILE_PREFIXES = {
    "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158", "159", "178", "182", "183",
    "184", "187", "188", "198", "130", "131", "132", "155", "156", "166", "175", "176", "185", "186", "133", "153",
    "177", "180", "181", "189", "191", "199"};

  private final Options options;
  private final DayCurve curve = DayCurve.hotline();
  private final Random random;
  private final List<AgentSpec> agents;

  public HotlineTraffic(Options options) {
    this.options = options;
    this.random = new Random(options.seed());
    Random agentRandom = new Random(options.seed() * 7919 + 1);
    List<AgentSpec> a = new ArrayList<>();
    for (int i = 0; i < options.agents(); i++) {
      // answerAfter: the agent's ring time; talkFor: for calls that bring no length of their own (callbacks)
      a.add(AgentSpec.pjsip(Integer.toString(FIRST_EXTENSION + i)).answerAfter(2_000 + agentRandom.nextInt(4_000))
          .talkFor(60_000 + agentRandom.nextInt(60_000)));
    }
    this.agents = List.copyOf(a);
  }

  public Options options() {
    return options;
  }

  public List<AgentSpec> agents() {
    return agents;
  }

  /**
   * The shipped queues.conf's queues (their strategy, timing and options unchanged) with the agents as static
   * members: every agent in every queue but q-special, which the first {@link #SPECIAL_AGENTS} serve.
   */
  public List<QueueConfig> queues() {
    List<QueueConfig> out = new ArrayList<>();
    for (QueueConfig q : QueuesConf.shipped().queues()) {
      int n = q.name().equals("q-special") ? Math.min(SPECIAL_AGENTS, agents.size()) : agents.size();
      List<QueueConfig.Member> members = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String ext = agents.get(i).extension();
        members.add(QueueConfig.Member.of("PJSIP/" + ext, "坐席 " + ext));
      }
      out.add(new QueueConfig(q.name(), q.strategy(), q.timeoutSec(), q.retrySec(), q.wrapupSec(), members, null));
    }
    return out;
  }

  /** The hotline's time of day {@code elapsed} after the start. */
  public LocalTime hotlineTime(Duration elapsed) {
    double dayFraction = (double) elapsed.toMillis() / options.dayLength().toMillis();
    long second = Math.round((dayFraction % 1.0) * 86_400);
    return options.dayStart().plusSeconds(second);
  }

  /** Offered calls per second {@code elapsed} after the start. */
  public double rate(Duration elapsed) {
    double r = options.peakCallsPerSecond() * curve.at(hotlineTime(elapsed));
    RushHour rush = options.rush();
    return rush != null && rush.active(elapsed) ? r * rush.factor() : r;
  }

  /** The highest {@link #rate} can be. */
  public double maxRate() {
    RushHour rush = options.rush();
    return Math.max(1e-6, options.peakCallsPerSecond() * (rush == null ? 1 : rush.factor()));
  }

  /** The share of all calls with each intent (returning and nuisance shares only when their numbers are given). */
  public Map<Intent, Double> share() {
    Map<Intent, Double> m = new EnumMap<>(Intent.class);
    double special = 0;
    if (!options.returning().isEmpty()) {
      m.put(Intent.FOLLOW_UP, FOLLOW_UP_SHARE);
      m.put(Intent.STATUS, STATUS_SHARE);
      special += FOLLOW_UP_SHARE + STATUS_SHARE;
    }
    if (!options.warned().isEmpty()) {
      m.put(Intent.NUISANCE_WARNED, WARNED_SHARE);
      special += WARNED_SHARE;
    }
    if (!options.dedicated().isEmpty()) {
      m.put(Intent.NUISANCE_DEDICATED, DEDICATED_SHARE);
      special += DEDICATED_SHARE;
    }
    double total = ORDINARY.values().stream().mapToDouble(Double::doubleValue).sum();
    double rest = 1 - special;
    ORDINARY.forEach((k, v) -> m.put(k, rest * v / total));
    return m;
  }

  /** The share of calls that want an agent. */
  public double queuedShare() {
    return share().entrySet().stream().filter(e -> e.getKey().queue != null).mapToDouble(Map.Entry::getValue).sum();
  }

  /**
   * Mean time a queued call holds an agent, in seconds: talk (the intents' means, weighted), the ring before the
   * agent answers (2-6 s) and the queue's wrap-up (queues.conf wrapuptime: 10 s, q-special 30 s).
   */
  public double meanHandlingSeconds() {
    double talk = 0;
    double wrap = 0;
    double weight = 0;
    for (Map.Entry<Intent, Double> e : share().entrySet()) {
      if (e.getKey().queue != null) {
        talk += e.getValue() * e.getKey().meanTalkSeconds();
        wrap += e.getValue() * (e.getKey().queue.equals("q-special") ? 30 : 10);
        weight += e.getValue();
      }
    }
    return (talk + wrap) / weight + 4;
  }

  /** Erlang C service level (answered within 20 s, queues.conf servicelevel) at the day's peak. */
  public double peakServiceLevel() {
    return ErlangC.serviceLevel(agents.size(), options.peakCallsPerSecond() * queuedShare(), meanHandlingSeconds(),
        20);
  }

  /** Agents Erlang C asks for {@code target} at the peak of {@code peakCallsPerSecond}. */
  public static int agentsFor(double peakCallsPerSecond, double target) {
    HotlineTraffic probe = new HotlineTraffic(Options.defaults(1, peakCallsPerSecond)
        .withCallers(List.of("0"), List.of("0"), List.of("0")));
    return ErlangC.agentsFor(peakCallsPerSecond * probe.queuedShare(), probe.meanHandlingSeconds(), 20, target);
  }

  /** The next call. Not thread-safe: one generator draws. */
  public Call next() {
    Intent intent = draw();
    String number = switch (intent) {
      case FOLLOW_UP, STATUS -> pick(options.returning());
      case NUISANCE_WARNED -> pick(options.warned());
      case NUISANCE_DEDICATED -> pick(options.dedicated());
      default -> citizen(random.nextInt(options.citizens()));
    };
    return new Call(intent, spec(intent, number));
  }

  /** A generator placing this traffic into {@code sim}. */
  public LoadGenerator generator(PbxSim sim) {
    return new LoadGenerator(sim, this::rate, maxRate(), () -> next().spec(), options.seed() + 1);
  }

  private Intent draw() {
    double x = random.nextDouble();
    Intent last = Intent.CONSULT;
    for (Map.Entry<Intent, Double> e : share().entrySet()) {
      x -= e.getValue();
      last = e.getKey();
      if (x < 0) {
        return e.getKey();
      }
    }
    return last;
  }

  private String pick(List<String> numbers) {
    return numbers.get(random.nextInt(numbers.size()));
  }

  /** Citizen {@code i}'s number: the same for the same seed and index. */
  String citizen(int i) {
    Random r = new Random(options.seed() * 1_000_003L + i);
    if (r.nextInt(100) < 85) {
      StringBuilder b = new StringBuilder(MOBILE_PREFIXES[r.nextInt(MOBILE_PREFIXES.length)]);
      for (int k = 0; k < 8; k++) {
        b.append((char) ('0' + r.nextInt(10)));
      }
      return b.toString();
    }
    StringBuilder b = new StringBuilder("0536").append((char) ('2' + r.nextInt(7)));
    for (int k = 0; k < 6; k++) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    return b.toString();
  }

  private CallerSpec spec(Intent intent, String number) {
    long promptMs = options.prompt().toMillis();
    String rating = rating();
    String topic = Integer.toString(1 + random.nextInt(5));
    String category = Integer.toString(1 + intent.ordinal() - Intent.CONSULT.ordinal());
    String digits = switch (intent) {
      case CONSULT, HELP, SUGGEST, COMPLAINT, REPORT -> join("5", "1", category, rating);
      case OPERATOR -> join("5", "0", rating);
      case NO_INPUT, NUISANCE_WARNED, NUISANCE_DEDICATED -> "5";
      case KNOWLEDGE_SELF -> join("5", "3", topic);
      case KNOWLEDGE_AGENT -> join("5", "3", topic, "0", rating);
      case HANGUP_IN_IVR -> "";
      // the open matter is offered first: 1 takes it (no offer: 1 = report, then the rating picks a category)
      case FOLLOW_UP -> join("5", "1", rating);
      // the offer declined (2), the main menu's 2 = progress, # = my own number, then 0 = an agent
      case STATUS -> join("5", "2", "2", "#", "0", rating);
    };
    CallerSpec s = CallerSpec.of(number).digits(digits);
    if (intent == Intent.KNOWLEDGE_SELF) {
      // welcome, emergency notice, the answer: three prompts, then a moment of the menu after it
      return s.hangupAfter(Duration.ofMillis(3 * promptMs + 3_500));
    }
    if (intent == Intent.HANGUP_IN_IVR) {
      return s.hangupAfter(Duration.ofMillis(1_500 + random.nextInt(6_000)));
    }
    s = s.talk(Duration.ofSeconds(intent.talkMin + random.nextInt(intent.talkMax - intent.talkMin + 1)));
    int patience = random.nextInt(10) == 0 ? 20 + random.nextInt(25) : 60 + random.nextInt(180);
    s = s.patience(Duration.ofSeconds(patience));
    if (intent.queue != null && !intent.name().startsWith("NUISANCE") && random.nextInt(100) < 30) {
      // the queue offers a callback (queues.conf context = callback-offer): 1 after waiting a while
      s = s.pressInQueue("1", Duration.ofSeconds(35 + random.nextInt(35)));
    }
    return s;
  }

  /** The survey answer: 1 satisfied (70 %), 2 basically (20 %), 3 dissatisfied (7 %), none (3 %). */
  private String rating() {
    int x = random.nextInt(100);
    return x < 70 ? "1" : x < 90 ? "2" : x < 97 ? "3" : "";
  }

  private static String join(String... groups) {
    StringBuilder b = new StringBuilder();
    for (String g : groups) {
      if (g.isEmpty()) {
        continue;
      }
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(g);
    }
    return b.toString();
  }
}
