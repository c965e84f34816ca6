package cn.hotline12345.pbxsim;

import cn.hotline12345.contract.AmiContract;
import cn.hotline12345.contract.ManagerClass;
import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.pbxsim.ami.ManagerConf;
import cn.hotline12345.pbxsim.ami.ManagerPerms;
import cn.hotline12345.pbxsim.ami.ManagerUser;
import cn.hotline12345.pbxsim.dialplan.Dialplan;
import cn.hotline12345.pbxsim.engine.Events;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/asterisk/manager.conf as committed, against dialplan-contract's {@link AmiContract}: user {@code cti} gets
 * every event the server consumes, in the sim's real shapes, and nothing else; it may run every action the server
 * sends, and nothing needs more than its least rights.
 */
class ShippedManagerConfTest {
  static final Path SHIPPED = Path.of("..", "docker", "asterisk", "manager.conf");
  static final Duration T = Duration.ofSeconds(30);
  /** Consumed events this simulator never produces (no hold, music on hold or bridge transfers are simulated). */
  /** Consumed events the hotline scenario below does not produce (ChanSpyStart/Stop: see ChanSpyTest). */
  static final Set<String> NOT_SIMULATED = Set.of("Hold", "Unhold", "MusicOnHoldStart", "MusicOnHoldStop",
      "BlindTransfer", "AttendedTransfer", "ChanSpyStart", "ChanSpyStop");

  static ManagerUser cti() {
    ManagerConf conf = ManagerConf.load(SHIPPED);
    assertThat(conf.warnings()).as("Asterisk would warn about these lines").isEmpty();
    return conf.user("cti").orElseThrow();
  }

  /** The rules a session of {@code cti} applies: read classes, then filters ({@code Events: on} = readperm). */
  static boolean reachesCti(ManagerUser u, AmiMessage m) {
    return (u.readPerm() & m.category()) == m.category() && u.filters().shouldSend(m, m.toString());
  }

  @Test
  void theBundledManagerConfIsTheCommittedFile() throws Exception {
    try (InputStream in = ManagerConf.class.getResourceAsStream(ManagerConf.BUNDLED_RESOURCE)) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Files.readString(SHIPPED));
    }
    assertThat(ManagerConf.bundled().general().enabled()).isTrue();
  }

  @Test
  void readIsExactlyTheClassesOfTheConsumedEventsAndWriteTheLeastRights() {
    ManagerUser u = cti();
    assertThat(ManagerPerms.classes(u.readPerm())).isEqualTo(AmiContract.requiredRead());
    assertThat(ManagerPerms.classes(u.writePerm())).isEqualTo(AmiContract.LEAST_WRITE);
    assertThat(ManagerPerms.classes(u.writePerm())).doesNotContainAnyElementsOf(AmiContract.FORBIDDEN_WRITE);
    assertThat(u.writeTimeoutMs()).isEqualTo(100);
    assertThat(u.secret()).isEqualTo("ctisecret");
    // every word of ManagerClass is a label of manager.c's perms[]
    for (ManagerClass c : ManagerClass.values()) {
      assertThat(ManagerPerms.getPerm(c.word())).as(c.word()).isEqualTo(ManagerPerms.bit(c));
    }
  }

  /** (b): every action the server sends is allowed by cti's write (manager.c: writeperm & authority, or 0). */
  @Test
  void everyUsedActionIsAllowedByTheShippedWrite() {
    ManagerUser u = cti();
    for (AmiContract.UsedAction a : AmiContract.USED_ACTIONS) {
      int authority = ManagerPerms.bits(a.authority());
      assertThat(authority == 0 || (u.writePerm() & authority) != 0).as(a.name()).isTrue();
    }
  }

  /**
   * (a) and (c) over real TCP: a session of cti receives exactly the sim's events that pass read and filters, these
   * are every consumed event the sim produces, and the rest (Newexten, DeviceStateChange, Dial*, Bridge*,
   * VarSet of other variables, ...) never arrives.
   */
  @Test
  void ctiReceivesEveryConsumedEventAndNothingElse() throws Exception {
    ManagerUser u = cti();
    List<AmiMessage> emitted = new CopyOnWriteArrayList<>();
    try (AgiResponder agi = new AgiResponder(List.of())) {
      PbxSim sim = PbxSim.builder().amiPort(0).dialplan(Dialplan.hotline()).agiTarget("127.0.0.1", agi.port())
          .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "Agent 1001"),
              QueueConfig.Member.of("PJSIP/1002", "Agent 1002")).timing(15, 1, 0))
          .agent(AgentSpec.pjsip("1001").answerAfter(200).talkFor(20_000))
          .agent(AgentSpec.pjsip("1002").answerAfter(200).refuse())
          .eventListener(emitted::add).timeScale(0.05).seed(5).build().startBlocking();
      try (AmiTestClient c = new AmiTestClient(sim.amiPort())) {
        c.login("cti", "ctisecret");
        c.awaitContains("Message: Authentication accepted\r\n\r\nEvent: FullyBooted\r\nPrivilege: system,all\r\n", T);
        int sessionStart = c.text().length();
        int before = emitted.size();
        c.send("Action: QueueAdd\nActionID: a1\nQueue: q-general\nInterface: PJSIP/1003\nMemberName: Agent 1003");
        c.awaitContains("ActionID: a1\r\nMessage: Added interface to queue", T);
        c.send("Action: QueueRemove\nActionID: a2\nQueue: q-general\nInterface: PJSIP/1003");
        c.awaitContains("ActionID: a2\r\nMessage: Removed interface from queue", T);
        c.send("Action: QueuePause\nActionID: a3\nInterface: PJSIP/1001\nPaused: true\nReason: lunch");
        c.awaitContains("ActionID: a3\r\nMessage: Interface paused successfully", T);
        // only the refusing agent is free: AgentRingNoAnswer, then the caller gives up
        assertThat(sim.placeCall(CallerSpec.of("13800000001").patience(Duration.ofSeconds(4))).awaitEnd(T)).isTrue();
        c.send("Action: QueuePause\nActionID: a4\nInterface: PJSIP/1001\nPaused: false");
        c.awaitContains("ActionID: a4\r\nMessage: Interface unpaused successfully", T);
        // the caller hangs up while talking (AgentComplete, Reason caller), then one the agent hangs up on
        assertThat(sim.placeCall(CallerSpec.of("13800000002").hangupAfter(Duration.ofSeconds(12))).awaitEnd(T))
            .isTrue();
        assertThat(sim.placeCall(CallerSpec.of("13800000003")).awaitEnd(T)).isTrue();
        c.send("Action: Originate\nActionID: o1\nChannel: PJSIP/13800138000@trunk\nContext: revisit\nExten: s\n"
            + "Priority: 1\nAsync: true");
        c.awaitContains("Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: o1\r\n", T);
        FaultsTest.awaitTrue(() -> sim.activeChannels().isEmpty(), "all calls over");

        List<AmiMessage> expected = new ArrayList<>();
        for (AmiMessage m : emitted.subList(before, emitted.size())) {
          if (reachesCti(u, m)) {
            expected.add(m);
          }
        }
        sim.faults().restart(Duration.ofMillis(50));
        expected.add(Events.shutdown(true));
        c.await(t -> t.contains("Event: Shutdown\r\n"), T, "Shutdown");

        List<String> got = new ArrayList<>();
        for (String block : c.text().substring(sessionStart).split("\r\n\r\n")) {
          if (block.startsWith("Event: ")) {
            got.add(block + "\r\n\r\n");
          }
        }
        assertThat(got).containsExactlyElementsOf(expected.stream().map(AmiMessage::toString).toList());

        Set<String> received = new TreeSet<>();
        expected.forEach(m -> received.add(m.name()));
        received.add("FullyBooted");
        Set<String> consumed = new TreeSet<>(AmiContract.consumedByName().keySet());
        Set<String> missing = new TreeSet<>(consumed);
        missing.removeAll(received);
        assertThat(missing).as("consumed events the scenario did not produce").isEqualTo(NOT_SIMULATED);
        assertThat(consumed).containsAll(received);
        for (AmiMessage m : expected) {
          if (m.name().equals("VarSet")) {
            assertThat(AmiContract.consumesVariable(m.get("Variable"))).as(m.get("Variable")).isTrue();
          }
          assertThat(ManagerPerms.classes(m.category()))
              .containsExactly(AmiContract.consumedByName().get(m.name()).eventClass());
        }
        // app_queue.c: the hung-up caller's snapshot is gone when AgentComplete is built (see QueueManager)
        assertThat(expected).filteredOn(m -> m.name().equals("AgentComplete")).extracting(m -> m.get("Reason"))
            .containsExactlyInAnyOrder("caller", "agent");
        assertThat(expected).filteredOn(m -> m.name().equals("AgentComplete") && "caller".equals(m.get("Reason")))
            .singleElement().satisfies(m -> {
              assertThat(m.headerNames()).doesNotContain("Channel", "Uniqueid", "Linkedid")
                  .contains("DestChannel", "DestUniqueid", "DestLinkedid", "Queue", "Interface", "HoldTime");
              assertThat(m.headerNames().get(2)).isEqualTo("DestChannel");
            });
        assertThat(expected.stream().filter(m -> m.name().equals("VarSet")).map(m -> m.get("Variable")))
            .contains("HOTLINE_QUEUE", "HOTLINE_PRIORITY", "QUEUE_PRIO", "MEMBERINTERFACE");

        // (c): what the server does not consume was produced, and dropped at the source
        Set<String> dropped = new TreeSet<>();
        List<String> droppedVars = new ArrayList<>();
        for (AmiMessage m : emitted.subList(before, emitted.size())) {
          if (!reachesCti(u, m)) {
            dropped.add(m.name());
            if (m.name().equals("VarSet")) {
              droppedVars.add(m.get("Variable"));
            }
          }
        }
        assertThat(dropped).contains("Newexten", "VarSet", "DeviceStateChange", "DialBegin", "DialEnd",
            "BridgeCreate", "BridgeEnter", "NewConnectedLine", "HangupRequest", "SoftHangupRequest");
        assertThat(droppedVars).contains("MEMBERNAME", "QUEUEPOSITION", "BRIDGEPEER")
            .noneMatch(AmiContract::consumesVariable);
        assertThat(c.text()).doesNotContain("Event: Newexten", "Event: DeviceStateChange", "Variable: MEMBERNAME",
            "Event: SuccessfulAuth");
      } finally {
        sim.close();
      }
    }
  }

  /** (a) for the consumed events the sim never produces: their Asterisk shapes pass too. */
  @Test
  void consumedEventsTheSimDoesNotProducePassInTheirAsteriskShapes() {
    ManagerUser u = cti();
    for (String name : NOT_SIMULATED) {
      AmiContract.ConsumedEvent ce = AmiContract.consumedByName().get(name);
      AmiMessage m = AmiMessage.event(name, ManagerPerms.authorityToString(ManagerPerms.bit(ce.eventClass())))
          .add("Channel", "PJSIP/trunk-00000001").add("Uniqueid", "1.1").add("Linkedid", "1.1");
      assertThat(reachesCti(u, m)).as(name).isTrue();
    }
    assertThat(reachesCti(u, Events.fullyBooted(1, 1))).isTrue();
    // the same VarSet shape passes for a consumed variable only
    for (String v : List.of("HOTLINE_CALLBACK_ID", "MIXMONITOR_FILENAME", "QUEUESTATUS", "HOTLINE", "hotline_x",
        "MIXMONITOR_FILENAME2", "AGISTATUS")) {
      AmiMessage m = AmiMessage.event("VarSet", Events.DIALPLAN).add("Channel", "PJSIP/x-1").add("Variable", v)
          .add("Value", "1");
      assertThat(reachesCti(u, m)).as(v).isEqualTo(AmiContract.consumesVariable(v));
    }
    // an event of a class cti does not read is dropped whatever its name
    assertThat(reachesCti(u, AmiMessage.event("AgentCalled", Events.DTMF))).isFalse();
    assertThat(EnumSet.copyOf(AmiContract.requiredRead())).doesNotContain(ManagerClass.USER);
  }
}
