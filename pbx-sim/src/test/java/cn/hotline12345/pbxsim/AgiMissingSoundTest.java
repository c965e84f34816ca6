package cn.hotline12345.pbxsim;

import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.pbxsim.dialplan.Dialplan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A simulated Asterisk given its sound files answers STREAM FILE, GET DATA and EXEC Playback of a missing file as
 * Asterisk 22 does (res/res_agi.c, apps/app_playback.c, branch 22):
 * <pre>
 * handle_streamfile:  if (!(fs = ast_openstream(chan, argv[2], ast_channel_language(chan)))) {
 *                         ast_agi_send(agi->fd, chan, "200 result=-1 endpos=%ld\n", sample_offset);
 *                         return RESULT_FAILURE; }
 * handle_getdata:     res = ast_app_getdata_full(...);   // -1: ast_streamfile could not open the prompt
 *                     else if (res < 0 ) ast_agi_send(agi->fd, chan, "200 result=-1\n");
 * playback_exec:      res = ast_streamfile(...); if (!res) {...} else { ...; res = 0; mres = 1; }
 *                     pbx_builtin_setvar_helper(chan, "PLAYBACKSTATUS", mres ? "FAILED" : "SUCCESS");
 * run_agi:            case AGI_RESULT_FAILURE: if (... !ast_check_hangup(chan)) returnstatus = AGI_RESULT_FAILURE;
 *                     // the session goes on: no HANGUP line, later commands are answered; AGISTATUS=FAILURE
 * </pre>
 */
class AgiMissingSoundTest {
  static final Duration T = Duration.ofSeconds(20);

  private static PbxSim sim(int agiPort, List<AmiMessage> events, Path sounds) {
    return PbxSim.builder().amiPort(0).dialplan(Dialplan.hotline()).agiTarget("127.0.0.1", agiPort)
        .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "Agent 1001")))
        .agent(AgentSpec.pjsip("1001").answerAfter(200).talkFor(500))
        .soundsDirectory(sounds).eventListener(events::add).timeScale(0.1).seed(7).build().startBlocking();
  }

  @Test
  void missingFilesAnswerAsAsteriskAndTheSessionGoesOn(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("hotline"));
    Files.write(dir.resolve("hotline/welcome-24h.wav"), new byte[100]);
    Files.write(dir.resolve("hotline/main-menu.ulaw"), new byte[100]);
    Files.write(dir.resolve("hotline/notes.txt"), new byte[10]); // not an audio format: no sound "notes"
    List<String> cmds = List.of("ANSWER", "STREAM FILE hotline/welcome-24h \"\"", "STREAM FILE hotline/nope \"\"",
        "STREAM FILE hotline/nope \"\" 800", "STREAM FILE hotline/notes \"\"", "GET DATA hotline/main-menu 500 1",
        "GET DATA hotline/nope 500 1", "EXEC Playback hotline/nope", "GET VARIABLE PLAYBACKSTATUS",
        "EXEC Playback hotline/welcome-24h&hotline/nope", "GET VARIABLE PLAYBACKSTATUS",
        "EXEC Playback hotline/welcome-24h", "GET VARIABLE PLAYBACKSTATUS", "SET VARIABLE HOTLINE_NEXT hangup");
    List<AmiMessage> events = new CopyOnWriteArrayList<>();
    try (AgiResponder agi = new AgiResponder(cmds)) {
      PbxSim sim = sim(agi.port(), events, dir);
      try {
        CallHandle call = sim.placeCall(CallerSpec.of("13800138000"));
        assertThat(call.awaitEnd(T)).isTrue();
        assertThat(AgiTest.replies(agi.log).subList(0, cmds.size())).containsExactly(
            "< 200 result=0",
            "< 200 result=0 endpos=3520",       // exists: played
            "< 200 result=-1 endpos=0",         // missing
            "< 200 result=-1 endpos=800",       // missing, with a sample offset: the offset comes back
            "< 200 result=-1 endpos=0",         // a .txt is no sound
            "< 200 result= (timeout)",          // exists: played, then no digit ("200 result=%s (timeout)")
            "< 200 result=-1",                  // missing prompt: as a hang-up, but the channel lives on
            "< 200 result=0", "< 200 result=1 (FAILED)",
            "< 200 result=0", "< 200 result=1 (FAILED)",
            "< 200 result=0", "< 200 result=1 (SUCCESS)",
            "< 200 result=1");
        assertThat(agi.log).doesNotContain("< HANGUP");
      } finally {
        sim.close();
      }
    }
  }

  @Test
  void withoutASoundSetEveryFileExistsAsBefore() throws Exception {
    List<String> cmds = List.of("ANSWER", "STREAM FILE anything/at-all \"\"", "SET VARIABLE HOTLINE_NEXT hangup");
    try (AgiResponder agi = new AgiResponder(cmds)) {
      PbxSim sim = PbxSim.builder().amiPort(0).dialplan(Dialplan.hotline()).agiTarget("127.0.0.1", agi.port())
          .timeScale(0.1).build().startBlocking();
      try {
        assertThat(sim.placeCall(CallerSpec.of("13800138000")).awaitEnd(T)).isTrue();
        assertThat(AgiTest.replies(agi.log)).startsWith("< 200 result=0", "< 200 result=0 endpos=3520");
      } finally {
        sim.close();
      }
    }
  }

  @Test
  void anUnreadableSoundsDirectoryFailsTheBuilderClearly(@TempDir Path dir) {
    assertThatThrownBy(() -> PbxSim.builder().soundsDirectory(dir.resolve("absent")))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot read sounds directory");
  }
}
