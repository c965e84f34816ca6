package cn.hotline12345.pbxsim.engine;

import java.util.HashSet;
import java.util.Set;

/**
 * The ChanSpy application of Asterisk 22 (apps/app_chanspy.c), as far as the server uses it: {@code
 * ChanSpy(<chanprefix>,<options>)} on a channel that was originated to a supervisor's phone.
 *
 * <ul>
 *   <li>{@code common_exec} answers the channel unless 'N' ("if (!ast_test_flag(flags, OPTION_NOANSWER) &&
 *       ast_channel_state(chan) != AST_STATE_UP) ast_answer(chan)"), then loops: every {@code waitms = 100} ms it
 *       iterates the channels whose name starts with the prefix ({@code ast_channel_iterator_by_name_new(spec,
 *       strlen(spec))}), skipping itself, hung-up channels and channels that are themselves spying
 *       ({@code AST_FLAG_SPYING}), and with 'b' channels not in a bridge. No such channel: it just goes round again,
 *       waiting for one, unless 'S' ("Stop when no more channels are left to spy on": {@code if (OPTION_STOP &&
 *       !next_autochan) break}).</li>
 *   <li>Spying starts with {@code publish_chanspy_message(chan, spyee, 1)}: ChanSpyStart (class call); it ends when
 *       either side hangs up: {@code publish_chanspy_message(chan, spyee, 0)}: ChanSpyStop. After the spyee left,
 *       'E' ("Exit when the spied-on channel hangs up") ends the application, so the spyer's channel hangs up;
 *       without it ChanSpy looks for the next matching channel.</li>
 *   <li>'q' (no beep, no name spoken), 'w' (whisper: the spyer talks to the spied channel), 'B' (barge: to both
 *       parties) change only the audio, which the simulator does not carry: they are accepted and kept.</li>
 * </ul>
 */
final class ChanSpyApp {

  /** app_chanspy.c common_exec: {@code waitms = 100}, the pause of {@code ast_waitfordigit} between passes. */
  static final long POLL_MS = 100;

  private final Engine engine;
  private final Set<Channel> spying = new HashSet<>();

  ChanSpyApp(Engine engine) {
    this.engine = engine;
  }

  /** Runs ChanSpy with {@code data} on {@code spyer} (already created by the Originate). */
  void run(Channel spyer, String data) {
    String[] parts = (data == null ? "" : data).split(",", 2);
    String prefix = parts[0].trim();
    String options = parts.length > 1 ? parts[1] : "";
    spyer.app = "ChanSpy";
    spyer.appData = data == null ? "" : data;
    if (options.indexOf('N') < 0) {
      engine.answer(spyer);
    }
    spying.add(spyer);
    spyer.onDestroy.add(() -> spying.remove(spyer));
    spyer.onHangupRequest = () -> engine.endChannel(spyer);
    poll(spyer, prefix, options);
  }

  private void poll(Channel spyer, String prefix, String options) {
    if (spyer.hungUp || spyer.hangupRequested) {
      return;
    }
    Channel target = find(spyer, prefix, options.indexOf('b') >= 0);
    if (target == null) {
      if (options.indexOf('S') >= 0) {
        engine.endChannel(spyer);
        return;
      }
      spyer.pendingTimer = engine.clock().schedule(POLL_MS, () -> poll(spyer, prefix, options));
      return;
    }
    engine.emit(Events.chanSpy(true, spyer.view(), target.view()));
    boolean[] stopped = {false};
    Runnable stop = () -> {
      if (!stopped[0]) {
        stopped[0] = true;
        engine.emit(Events.chanSpy(false, spyer.view(), target.view()));
      }
    };
    // the spyer hangs up: channel_spy returns, ChanSpyStop, then the channel's Hangup
    spyer.onHangupRequest = () -> {
      stop.run();
      engine.endChannel(spyer);
    };
    target.onDestroy.add(() -> {
      if (stopped[0] || spyer.hungUp) {
        return;
      }
      stop.run();
      spyer.onHangupRequest = () -> engine.endChannel(spyer);
      if (options.indexOf('E') >= 0) {
        engine.endChannel(spyer);
      } else {
        spyer.pendingTimer = engine.clock().schedule(POLL_MS, () -> poll(spyer, prefix, options));
      }
    });
  }

  /** The first live channel named {@code prefix...}, not the spyer, not spying itself (next_channel). */
  private Channel find(Channel spyer, String prefix, boolean bridgedOnly) {
    if (prefix.isEmpty()) {
      return null;
    }
    for (Channel c : engine.channels()) {
      if (c == spyer || c.hungUp || c.hangupRequested || spying.contains(c)
          || !c.name.regionMatches(true, 0, prefix, 0, prefix.length())) {
        continue;
      }
      if (bridgedOnly && engine.bridgeIdOf(c).isEmpty()) {
        continue;
      }
      return c;
    }
    return null;
  }
}
