package cn.hotline12345.pbxsim.engine;

import java.util.ArrayList;

/**
 * Basic bridges outside app_queue: Dial's, the AMI Bridge action's, transfers'. Their flags are those of
 * {@code ast_bridge_basic_new()} (main/bridge_basic.c: {@code AST_BRIDGE_FLAG_DISSOLVE_HANGUP |
 * AST_BRIDGE_FLAG_DISSOLVE_EMPTY | AST_BRIDGE_FLAG_SMART}): when a member hangs up, or leaves so that fewer than two
 * remain ({@code bridge_dissolve_check_stolen}), the bridge dissolves and every other member is kicked out. A
 * kicked channel goes to its after-bridge goto (set by the Bridge action to where it was, priority + 1 when it was
 * running dialplan), else back to the application that bridged it (Dial returns), else it is hung up.
 */
final class Bridging {
  private final Engine e;

  Bridging(Engine e) {
    this.e = e;
  }

  Bridge create() {
    Bridge b = new Bridge(e.nextBridgeId());
    b.generic = true;
    e.emit(Events.bridge("BridgeCreate", b));
    return b;
  }

  /** The channel enters {@code b}; a hangup request on it dissolves the bridge. */
  void enter(Bridge b, Channel c) {
    b.members.add(c);
    e.bridgeMap().put(c, b);
    c.bridgeId = b.id;
    e.emit(Events.bridgeMember("BridgeEnter", b, c));
    c.onHangupRequest = () -> hungUp(b, c);
  }

  /** A channel already in {@code b} (an adopted app_queue bridge) gets this bridge's hangup handling. */
  void attach(Bridge b, Channel c) {
    c.onHangupRequest = () -> hungUp(b, c);
  }

  void leave(Bridge b, Channel c) {
    if (!b.members.remove(c)) {
      return;
    }
    e.bridgeMap().remove(c);
    c.bridgeId = "";
    c.onHangupRequest = null;
    e.emit(Events.bridgeMember("BridgeLeave", b, c));
  }

  void hangupMember(Bridge b, Channel c) {
    hungUp(b, c);
  }

  /** A member hung up: it leaves, the bridge dissolves, the member's channel ends. */
  private void hungUp(Bridge b, Channel c) {
    leave(b, c);
    c.afterGoto = null;
    Runnable back = c.onBridgeEnd;
    c.onBridgeEnd = null;
    dissolve(b);
    if (back != null && !c.hungUp) {
      // the application (Dial) sees its own channel hang up; it ends the channel itself
      back.run();
      if (!c.hungUp) {
        e.endChannel(c);
      }
    } else {
      e.endChannel(c);
    }
  }

  /** A member moves to another bridge without the bridge dissolving (an attended transfer's transferer). */
  void move(Bridge from, Channel c) {
    leave(from, c);
  }

  /** A member leaves for elsewhere (Redirect, the Bridge action moving it): the others are kicked if alone. */
  void steal(Bridge b, Channel c) {
    leave(b, c);
    c.onBridgeEnd = null;
    if (b.members.size() < 2) {
      dissolve(b);
    }
  }

  /** Every member is kicked out; BridgeDestroy. */
  void dissolve(Bridge b) {
    if (b.dissolved) {
      return;
    }
    b.dissolved = true;
    for (Channel m : new ArrayList<>(b.members)) {
      leave(b, m);
      kicked(m);
    }
    e.emit(Events.bridge("BridgeDestroy", b));
  }

  private void kicked(Channel m) {
    DialplanRunner.Position after = m.afterGoto;
    Runnable back = m.onBridgeEnd;
    m.afterGoto = null;
    m.onBridgeEnd = null;
    if (m.hungUp || m.hangupRequested || m.redirecting) {
      return;
    }
    if (after != null) {
      e.defer(() -> e.runner().resume(m, after));
    } else if (back != null) {
      back.run();
    } else {
      e.requestHangup(m, "16", false);
    }
  }
}
