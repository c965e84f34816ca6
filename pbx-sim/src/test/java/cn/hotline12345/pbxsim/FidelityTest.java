package cn.hotline12345.pbxsim;

import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.AsteriskJavaParsing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays each capture's scenario (its sN.actions over real TCP, the captures' dialplan and, for
 * s1/s4, the same FastAGI command list) and compares the simulator's output with the capture.
 */
class FidelityTest {
  static final double SCALE = 0.25;

  static byte[] resource(String name) throws IOException {
    try (InputStream in = FidelityTest.class.getResourceAsStream("/asterisk-22/" + name)) {
      if (in == null) {
        throw new IOException("missing fixture " + name);
      }
      return in.readAllBytes();
    }
  }

  /** Runs one scenario; returns the bytes the client received and the AGI transcript. */
  static Object[] replay(String actions, List<String> agiCommands) throws Exception {
    try (AgiResponder agi = new AgiResponder(agiCommands)) {
      PbxSim sim = PbxSim.builder().capturesSetup()
          // the captures were recorded with their own manager.conf (read = all, write = all, no filters)
          .managerConf(new String(resource("etc/manager.conf"), StandardCharsets.UTF_8)).amiPort(0)
          .agiTarget("127.0.0.1", agi.port())
          .timeScale(SCALE).seed(42).build().startBlocking();
      try (AmiTestClient c = new AmiTestClient(sim.amiPort())) {
        c.login("cti", "ctisecret");
        c.awaitContains("Event: SuccessfulAuth", Duration.ofSeconds(5));
        for (String block : actions.split("\n\n")) {
          block = block.strip();
          if (block.isEmpty()) {
            continue;
          }
          if (block.startsWith("sleep")) {
            Thread.sleep((long) (Double.parseDouble(block.split("\\s+")[1]) * 1000 * SCALE));
            continue;
          }
          c.send(block);
        }
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sim.activeCalls() > 0 && System.nanoTime() < end) {
          Thread.sleep(20);
        }
        assertThat(sim.activeCalls()).as("calls still up").isZero();
        c.awaitQuiet(300, Duration.ofSeconds(5));
        return new Object[] {c.bytes(), new ArrayList<>(agi.log)};
      } finally {
        sim.close();
      }
    }
  }

  private static final Pattern[] NORMALISE = {
      Pattern.compile("\\b1\\d{9}\\.\\d+\\b"), Pattern.compile("-[0-9a-f]{8}(;[12])"),
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
  };

  /** Replaces ids and times by placeholders so that blocks can be compared byte for byte. */
  static String normalise(String block) {
    String s = NORMALISE[0].matcher(block).replaceAll("<ID>");
    s = NORMALISE[1].matcher(s).replaceAll("-<SEQ>$1");
    s = NORMALISE[2].matcher(s).replaceAll("<BRIDGE>");
    s = s.replaceAll("(?m)^(CommandId|EventTV|SessionTV|SessionID|LocalAddress|RemoteAddress|Timestamp|Uptime|"
        + "LastReload|LastCall|LastPause|LoginTime|MEMBERLASTCALL|Duration|HoldTime|TalkTime|RingTime|"
        + "CallsTaken|Completed|Abandoned|Holdtime|ServicelevelPerf2?|agi_threadid|agi_version|agi_request): .*$", "$1: <X>");
    s = s.replaceAll("(?m)^(Value): \\d+$", "$1: <N>");
    s = s.replaceAll("(?m)^(DestExten|Exten|Extension): 1234[56]$", "$1: <EXT>");
    // which agent rrmemory picks first depends on the queue's history before the capture
    s = s.replaceAll("100[12]", "100<A>");
    s = s.replaceAll("agi://127\\.0\\.0\\.1:\\d+/", "agi://127.0.0.1:<PORT>/");
    return s;
  }

  static Map<String, Set<String>> asteriskJavaProperties(AmiCapture cap, AsteriskJavaParsing parser,
      Set<String> unknown) throws Exception {
    Map<String, Set<String>> out = new TreeMap<>();
    for (List<String[]> m : cap.events()) {
      ManagerEvent ev = parser.build(m);
      if (ev == null) {
        unknown.add(m.get(0)[1]);
        continue;
      }
      Set<String> props = out.computeIfAbsent(ev.getClass().getSimpleName(), k -> new TreeSet<>());
      for (PropertyDescriptor pd : Introspector.getBeanInfo(ev.getClass()).getPropertyDescriptors()) {
        if (pd.getReadMethod() != null && pd.getReadMethod().getParameterCount() == 0
            && !Set.of("dateReceived", "source", "class", "timestamp", "file", "line", "func", "sequenceNumber")
                .contains(pd.getName())) {
          if (pd.getReadMethod().invoke(ev) != null) {
            props.add(pd.getName());
          }
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "s1, s1-ivr-queue-answered.ami, s1-ivr-queue-answered.agi",
      "s2, s2-queue-abandon-paused.ami, ",
      "s3, s3-agent-actions-status.ami, ",
      "s4, s4-hangup-during-ivr.ami, s4-hangup-during-ivr.agi"})
  void simulatorMatchesCapture(String scenario, String amiFile, String agiFile) throws Exception {
    String actions = new String(resource(scenario + ".actions"), StandardCharsets.UTF_8);
    String agiFixture = agiFile == null ? "" : new String(resource(agiFile), StandardCharsets.UTF_8);
    Object[] run = replay(actions, AgiResponder.commandsOf(agiFixture));
    byte[] cand = (byte[]) run[0];
    @SuppressWarnings("unchecked")
    List<String> agiLog = (List<String>) run[1];
    AmiCapture ref = AmiCapture.parse(resource(amiFile));
    AmiCapture got = AmiCapture.parse(cand);

    // 1. compare_ami.py's rules: every event type, every header order, nothing extra, LCS >= 0.85
    List<String> problems = AmiCapture.problems(ref, got);
    double ratio = AmiCapture.lcsRatio(ref.eventNames(), got.eventNames());
    System.out.printf("%s: reference %d events, candidate %d, LCS ratio %.3f, problems %s%n", scenario,
        ref.eventNames().size(), got.eventNames().size(), ratio, problems);
    assertThat(problems).isEmpty();
    assertThat(ratio).isGreaterThanOrEqualTo(0.85);

    // 2. the responses to the scenario's actions: same Response/Message lines in the same order
    List<String> refResponses = new ArrayList<>();
    List<String> gotResponses = new ArrayList<>();
    for (var pair : List.of(List.of(ref, refResponses), List.of(got, gotResponses))) {
      AmiCapture cap = (AmiCapture) pair.get(0);
      @SuppressWarnings("unchecked")
      List<String> into = (List<String>) pair.get(1);
      for (List<String[]> m : cap.messages) {
        String first = m.get(0)[0].startsWith("Asterisk Call Manager") && m.size() > 1 ? m.get(1)[0] : m.get(0)[0];
        if (first.equals("Response")) {
          into.add(normalise(String.join("|", m.stream().filter(kv -> !kv[0].startsWith("Asterisk"))
              .map(kv -> kv[0] + ": " + kv[1]).toList())));
        }
      }
    }
    assertThat(gotResponses).containsExactlyElementsOf(refResponses);

    // 3. asterisk-java's own parser: same event classes, same populated properties per class
    AsteriskJavaParsing parser = new AsteriskJavaParsing();
    Set<String> refUnknown = new TreeSet<>();
    Set<String> gotUnknown = new TreeSet<>();
    Map<String, Set<String>> refProps = asteriskJavaProperties(ref, parser, refUnknown);
    Map<String, Set<String>> gotProps = asteriskJavaProperties(got, parser, gotUnknown);
    assertThat(gotUnknown).isEqualTo(refUnknown);
    assertThat(gotProps).isEqualTo(refProps);

    // 4. byte level after normalising ids and times: share of reference blocks found verbatim
    Set<String> gotBlocks = new HashSet<>();
    for (String b : new String(cand, StandardCharsets.UTF_8).split("\r\n\r\n")) {
      gotBlocks.add(normalise(b));
    }
    int same = 0;
    int total = 0;
    for (String b : new String(resource(amiFile), StandardCharsets.UTF_8).split("\r\n\r\n")) {
      if (b.isBlank()) {
        continue;
      }
      total++;
      if (gotBlocks.contains(normalise(b))) {
        same++;
      } else if (System.getProperty("fidelity.debug") != null) {
        System.out.println("DIFF " + scenario + ":\n" + normalise(b));
      }
    }
    double byteShare = same / (double) total;
    System.out.printf("%s: %d of %d normalised reference blocks byte-identical (%.2f)%n", scenario, same, total,
        byteShare);
    assertThat(byteShare).isGreaterThanOrEqualTo(0.95);

    // 5. FastAGI: same environment keys in the same order, same reply lines
    if (!agiFixture.isEmpty()) {
      List<String> refLog = List.of(agiFixture.split("\n"));
      assertThat(keys(agiLog)).containsExactlyElementsOf(keys(refLog));
      assertThat(replies(agiLog)).containsExactlyElementsOf(replies(refLog));
    }
  }

  private static List<String> keys(List<String> log) {
    List<String> out = new ArrayList<>();
    for (String l : log) {
      if (l.startsWith("< agi_")) {
        out.add(l.substring(2, l.indexOf(':')));
      }
    }
    return out;
  }

  private static List<String> replies(List<String> log) {
    List<String> out = new ArrayList<>();
    boolean envDone = false;
    for (String l : log) {
      if (l.equals("< ") || l.equals("<")) {
        envDone = true;
      } else if (envDone && l.startsWith("<")) {
        out.add(l);
      } else if (envDone && l.startsWith(">")) {
        out.add(l);
      }
    }
    return out;
  }
}
