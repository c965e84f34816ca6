package cn.hotline12345.pbxsim;

import cn.hotline12345.pbxsim.records.AsteriskRecords;
import cn.hotline12345.pbxsim.records.AsteriskRecords.CelRow;
import cn.hotline12345.pbxsim.records.AsteriskRecords.QueueLogRow;
import cn.hotline12345.pbxsim.records.CelConf;
import cn.hotline12345.pbxsim.records.GroundTruth;
import cn.hotline12345.pbxsim.conf.ConfException;
import cn.hotline12345.pbxsim.conf.ConfFile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CEL and queue_log rows pbx-sim writes for a call, against Asterisk 22's code (branch 22 of the mirror).
 * The shipped dialplan runs without a FastAGI server: AGI fails and the caller reaches q-general, which is what
 * extensions.conf promises (art. 17).
 */
class AsteriskRecordsTest {
  static final Duration T = Duration.ofSeconds(30);
  final List<AsteriskRecords.Row> rows = new CopyOnWriteArrayList<>();

  PbxSim sim(AgentSpec... agents) {
    PbxSim.Builder b = PbxSim.builder().amiPort(0).agiTarget("127.0.0.1", 1).keepGroundTruth()
        .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "张三"))
            .timing(15, 1, 0)).seed(3);
    for (AgentSpec a : agents) {
      b.agent(a);
    }
    PbxSim sim = b.build().startBlocking();
    sim.onEvent(new AsteriskRecords(CelConf.shipped(), Set.of("callback-offer"), System::currentTimeMillis, rows::add));
    return sim;
  }

  List<CelRow> cel(String uniqueid) {
    return rows.stream().filter(r -> r instanceof CelRow c && c.uniqueid().equals(uniqueid)).map(r -> (CelRow) r).toList();
  }

  List<QueueLogRow> queueLog(String callid) {
    return rows.stream().filter(r -> r instanceof QueueLogRow q && q.callid().equals(callid)).map(r -> (QueueLogRow) r)
        .toList();
  }

  @Test
  void answeredCallHasAsterisksCelAndQueueLogRows() {
    try (PbxSim sim = sim(AgentSpec.pjsip("1001").answerAfter(200).talkFor(1_500))) {
      CallHandle call = sim.placeCall(CallerSpec.of("13800138000"));
      assertThat(call.awaitEnd(T)).isTrue();
      String id = call.linkedid();
      List<String> types = cel(id).stream().map(CelRow::eventtype).toList();
      // main/cel.c cel_channel_state_change: "cel_report_event(new_snapshot, AST_CEL_HANGUP, ...); ...
      // AST_CEL_CHANNEL_END ...; check_retire_linkedid" -> LINKEDID_END after the last channel's CHAN_END
      assertThat(types).startsWith("CHAN_START", "ANSWER", "APP_START").contains("BRIDGE_ENTER", "BRIDGE_EXIT")
          .containsSubsequence("APP_START", "APP_END", "APP_START", "BRIDGE_ENTER", "BRIDGE_EXIT", "HANGUP", "CHAN_END");
      CelRow start = cel(id).get(0);
      assertThat(start.cidNum()).isEqualTo("13800138000");
      assertThat(start.linkedid()).isEqualTo(id);
      assertThat(start.amaflags()).isEqualTo(3);
      CelRow hangup = cel(id).stream().filter(c -> c.eventtype().equals("HANGUP")).findFirst().orElseThrow();
      // ast_json_pack("{s: i, s: s, s: s}", "hangupcause", ..., "hangupsource", ..., "dialstatus", ...), compact
      assertThat(hangup.extra()).matches("\\{\"hangupcause\":\\d+,\"hangupsource\":\"[^\"]*\",\"dialstatus\":\"[^\"]*\"}");
      CelRow enter = cel(id).stream().filter(c -> c.eventtype().equals("BRIDGE_ENTER")).findFirst().orElseThrow();
      assertThat(enter.extra()).startsWith("{\"bridge_id\":\"").contains("\"bridge_technology\":\"simple_bridge\"");
      assertThat(enter.peer()).startsWith("PJSIP/1001-");
      assertThat(enter.appname()).isEqualTo("Queue");
      List<CelRow> all = rows.stream().filter(r -> r instanceof CelRow).map(r -> (CelRow) r).toList();
      assertThat(all.get(all.size() - 1).eventtype()).isEqualTo("LINKEDID_END");
      assertThat(all.stream().filter(c -> c.eventtype().equals("LINKEDID_END"))).hasSize(1);

      List<QueueLogRow> ql = queueLog(id);
      assertThat(ql).extracting(QueueLogRow::event).containsExactly("ENTERQUEUE", "CONNECT", "COMPLETEAGENT");
      // app_queue.c: ENTERQUEUE "%s|%s|%d" url, caller id number, position
      assertThat(ql.get(0)).satisfies(q -> {
        assertThat(q.queuename()).isEqualTo("q-general");
        assertThat(q.agent()).isEqualTo("NONE");
        assertThat(List.of(q.data1(), q.data2(), q.data3())).containsExactly("", "13800138000", "1");
      });
      // CONNECT "%ld|%s|%ld": holdtime, ast_channel_uniqueid(peer), ringtime; agent = member->membername
      QueueLogRow connect = ql.get(1);
      assertThat(connect.agent()).isEqualTo("张三");
      assertThat(cel(connect.data2())).first().satisfies(c -> {
        assertThat(c.eventtype()).isEqualTo("CHAN_START");
        assertThat(c.channame()).startsWith("PJSIP/1001-");
      });
      // COMPLETEAGENT "%ld|%ld|%d": holdtime, talktime, caller_pos
      assertThat(ql.get(2).data2()).isEqualTo("1");
      assertThat(ql.get(2).data3()).isEqualTo("1");

      GroundTruth.CallTruth truth = sim.groundTruth().call(id);
      assertThat(truth.agent()).isEqualTo("PJSIP/1001");
      assertThat(truth.queue()).isEqualTo("q-general");
      assertThat(truth.talkSec()).isEqualTo(1L);
      assertThat(truth.ended()).isTrue();
    }
  }

  @Test
  void callerWhoHangsUpWaitingIsAnAbandon() {
    try (PbxSim sim = sim(AgentSpec.pjsip("1001").refuse())) {
      CallHandle call = sim.placeCall(CallerSpec.of("13900139000").patience(Duration.ofMillis(2_300)));
      assertThat(call.awaitEnd(T)).isTrue();
      List<QueueLogRow> ql = queueLog(call.linkedid()).stream().filter(q -> !q.event().equals("RINGNOANSWER")).toList();
      assertThat(ql).extracting(QueueLogRow::event).containsExactly("ENTERQUEUE", "ABANDON");
      // ABANDON "%d|%d|%ld": position, original position, time(NULL) - qe->start
      assertThat(ql.get(1).data1()).isEqualTo("1");
      assertThat(ql.get(1).data2()).isEqualTo("1");
      assertThat(Long.parseLong(ql.get(1).data3())).isBetween(1L, 3L);
      assertThat(cel(call.linkedid())).extracting(CelRow::eventtype).doesNotContain("BRIDGE_ENTER").endsWith("LINKEDID_END");
      assertThat(sim.groundTruth().call(call.linkedid()).agent()).isNull();
    }
  }

  @Test
  void shippedCelConfTracksTheHotlinesApplicationsAndRefusesUnknownEvents() {
    CelConf shipped = CelConf.shipped();
    assertThat(shipped.enabled()).isTrue();
    assertThat(shipped.tracksApp("Queue")).isTrue();
    assertThat(shipped.tracksApp("AGI")).isTrue();
    assertThat(shipped.tracksApp("Set")).isFalse();
    assertThat(shipped.tracks("LINKEDID_END")).isTrue();
    assertThatThrownBy(() -> CelConf.load(ConfFile.parse("cel.conf", "[general]\nenable=yes\nevents=CHAN_START,NOPE\n")))
        .isInstanceOf(ConfException.class).hasMessageContaining("NOPE");
    assertThat(CelConf.load(ConfFile.parse("cel.conf", "[general]\nevents=ALL\n")).tracks("HANGUP")).isFalse();
  }

  @Test
  void aTypoInTheRecordsConfigurationIsAProblem() {
    cn.hotline12345.pbxsim.conf.AsteriskConfigCheck check = new cn.hotline12345.pbxsim.conf.AsteriskConfigCheck();
    assertThat(check.check("cel_pgsql.conf", ConfFile.parse("cel_pgsql.conf", "[global]\nusegmttime = yes\n")))
        .singleElement().satisfies(p -> assertThat(p.message()).contains("usegmttime"));
    assertThat(check.check("extconfig.conf", ConfFile.parse("extconfig.conf", "[settings]\nqueue_log => pgsq,general\n")))
        .hasSize(1);
    assertThat(check.check("res_pgsql.conf", ConfFile.parse("res_pgsql.conf", "[general]\nrequirements = create\n")))
        .hasSize(1);
    assertThat(check.check("modules.conf", ConfFile.parse("modules.conf", "[modules]\nrequire = cel_pgsql\n"))).hasSize(1);
    assertThat(check.check("logger.conf", ConfFile.parse("logger.conf", "[general]\nqueue_log_realtime_gmt = yes\n")))
        .hasSize(1);
    assertThat(check.check("modules.conf", ConfFile.parse("modules.conf",
        "[modules]\nautoload = yes\npreload-require = res_config_pgsql.so\n"))).isEmpty();
  }
}
