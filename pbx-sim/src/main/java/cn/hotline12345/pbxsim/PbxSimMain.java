package cn.hotline12345.pbxsim;

import cn.hotline12345.pbxsim.scenario.Scenario;
import cn.hotline12345.pbxsim.scenario.ScenarioRunner;

import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line: {@code java -jar pbx-sim.jar [--ami-port 5038] [--agi 127.0.0.1:4573]
 * [--scenario file.yaml] [--rate 50] [--seed 42] [--duration 10m] [--dialplan shipped|captures|extensions.conf] [--queues queues.conf]
 * [--time-scale 1] [--manager-conf docker/asterisk/manager.conf] [--ami-bind 127.0.0.1|conf] [--stability]}.
 * The manager rules (users, rights, filters) come from {@code --manager-conf}, by default from the
 * docker/asterisk/manager.conf bundled at build time; {@code --ami-bind conf} listens on its {@code bindaddr}
 * instead of loopback. With {@code --stability} the simulator also runs a trivial
 * in-process FastAGI responder and AMI consumer and prints heap-after-GC once a minute.
 */
public final class PbxSimMain {
  private PbxSimMain() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        usage("unexpected argument " + a);
      }
      String key = a.substring(2);
      if (key.equals("stability") || key.equals("help")) {
        o.put(key, "true");
      } else if (i + 1 < args.length) {
        o.put(key, args[++i]);
      } else {
        usage("missing value for " + a);
      }
    }
    if (o.containsKey("help")) {
      usage(null);
    }
    Scenario scenario = o.containsKey("scenario") ? readScenario(Path.of(o.get("scenario"))) : defaultScenario();
    double rate = o.containsKey("rate") ? Double.parseDouble(o.get("rate")) : scenario.rate();
    long seed = o.containsKey("seed") ? Long.parseLong(o.get("seed")) : scenario.seed();
    Duration duration = o.containsKey("duration") ? Scenario.duration(o.get("duration"), "--duration") : scenario.duration();
    scenario = new Scenario(seed, rate, duration, scenario.queues(), scenario.agents(), scenario.callers(),
        scenario.schedule());
    boolean stability = o.containsKey("stability");
    String agi = o.getOrDefault("agi", "127.0.0.1:4573");
    int colon = agi.lastIndexOf(':');
    PbxSim.Builder b = PbxSim.builder().amiPort(Integer.parseInt(o.getOrDefault("ami-port", stability ? "0" : "5038")))
        .agiTarget(agi.substring(0, colon), Integer.parseInt(agi.substring(colon + 1))).seed(seed)
        .timeScale(Double.parseDouble(o.getOrDefault("time-scale", "1")))
        ;
    // --dialplan captures: the captures' etc/ files; --dialplan FILE: that extensions.conf; default: the shipped one
    String dialplan = o.getOrDefault("dialplan", "shipped");
    if ("captures".equals(dialplan)) {
      b.capturesSetup();
    } else if (!"shipped".equals(dialplan) && !"hotline".equals(dialplan)) {
      b.dialplanFile(Path.of(dialplan));
    }
    if (o.containsKey("queues")) {
      b.queuesFile(Path.of(o.get("queues")));
    }
    cn.hotline12345.pbxsim.ami.ManagerConf managerConf = o.containsKey("manager-conf")
        ? cn.hotline12345.pbxsim.ami.ManagerConf.load(Path.of(o.get("manager-conf")))
        : cn.hotline12345.pbxsim.ami.ManagerConf.bundled();
    b.managerConf(managerConf);
    String bind = o.getOrDefault("ami-bind", "127.0.0.1");
    b.amiHost("conf".equals(bind) ? managerConf.general().bindaddr() : bind);
    scenario.queues().forEach(b::queue);
    scenario.agents().forEach(b::agent);
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    b.vertx(vertx);
    StabilityHarness harness = null;
    if (stability) {
      harness = new StabilityHarness(vertx);
      int agiPort = harness.startAgi().toCompletionStage().toCompletableFuture().get();
      b.agiTarget("127.0.0.1", agiPort);
    }
    PbxSim sim = b.build().startBlocking();
    System.out.println("pbx-sim: AMI on " + bind + ":" + sim.amiPort() + " (" + managerConf.source() + "), rate "
        + rate + "/s, seed " + seed
        + ", duration " + duration);
    if (harness != null) {
      harness.startAmiConsumer(sim.amiPort(), "cti", "ctisecret").toCompletionStage().toCompletableFuture().get();
    }
    ScenarioRunner runner = new ScenarioRunner(sim, scenario);
    runner.start(vertx);
    long start = System.currentTimeMillis();
    long end = start + duration.toMillis();
    int minute = 0;
    while (System.currentTimeMillis() < end) {
      long next = start + (minute + 1) * 60_000L;
      Thread.sleep(Math.max(1, Math.min(next, end) - System.currentTimeMillis()));
      minute++;
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      String line = String.format("%s minute %d heap-after-GC %.1f MiB calls placed %d ended %d active %d channels %d"
              + " AMI-bytes %d AMI-reconnects %d AGI-sessions %d",
          Instant.now(), minute, heap / 1048576.0, runner.placed(), sim.callsEnded(), sim.activeCalls(),
          sim.activeChannels().size(), harness == null ? -1 : harness.amiBytes.get(),
          harness == null ? -1 : harness.amiReconnects.get(), harness == null ? -1 : harness.agiSessions.get());
      System.out.println(line);
    }
    runner.stop(vertx);
    if (stability) {
      harness.stop();
      sim.close();
      vertx.close();
    }
  }

  static Scenario readScenario(Path p) throws Exception {
    try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      return Scenario.parse(r);
    }
  }

  /** 200 PJSIP agents 1000..1199 in q-general (answer after 0.5 s, talk 2 s), callers press 1. */
  static Scenario defaultScenario() {
    List<QueueConfig.Member> members = new ArrayList<>();
    List<AgentSpec> agents = new ArrayList<>();
    for (int i = 1000; i < 1200; i++) {
      members.add(QueueConfig.Member.of("PJSIP/" + i, "Agent " + i));
      agents.add(AgentSpec.pjsip(Integer.toString(i)).answerAfter(500).talkFor(2000));
    }
    return new Scenario(42, 50, Duration.ofMinutes(10),
        List.of(new QueueConfig("q-general", Strategy.RRMEMORY, 15, 1, 1, members)), agents,
        List.of(new Scenario.CallerProfile(9, "138########", "张三", "1", Duration.ofSeconds(60), null),
            new Scenario.CallerProfile(1, "139########", "李四", "", Duration.ofSeconds(3), null)),
        List.of());
  }

  private static void usage(String error) {
    if (error != null) {
      System.err.println("error: " + error);
    }
    System.err.println("usage: java -jar pbx-sim.jar [--ami-port 5038] [--agi host:port] [--scenario file.yaml]"
        + " [--rate N] [--seed N] [--duration 10m] [--dialplan shipped|captures|extensions.conf] [--queues queues.conf] [--time-scale 1]"
        + " [--manager-conf FILE] [--ami-bind HOST|conf] [--stability]");
    System.exit(error == null ? 0 : 2);
  }
}
