package cn.hotline12345.pbxsim.engine;

import cn.hotline12345.pbxsim.ami.AmiMessage;

/**
 * The AMI transfer actions as Asterisk 22 runs them.
 *
 * <p>BlindTransfer (main/manager.c action_blind_transfer, main/bridge.c ast_bridge_transfer_blind): the transferer
 * must be in a bridge with exactly one peer (else Result Invalid, "Transfer invalid"); the peer gets
 * {@code BLINDTRANSFER} = the transferer's name and goes to context,exten,1; the transferer is hung up. The
 * BlindTransfer event (main/stasis_bridges.c blind_transfer_to_ami): Result, Transferer*, Transferee*, Bridge*,
 * IsExternal (Yes: the AMI asked), Context, Extension.
 *
 * <p>Atxfer (action_atxfer feeds the {@code [featuremap] atxfer} code and the digits to the channel; the attended
 * transfer of main/bridge_basic.c then runs): the transferee hears music on hold, the transferer leaves for a new
 * bridge with {@code Local/<exten>@<context>} (TRANSFER_CONTEXT, else the transferer's context), whose ;2 half runs
 * that extension. The transferer hanging up completes the transfer: the target's Local joins the transferee's
 * bridge, music stops, AttendedTransfer Result Success DestType Bridge. The consultation leg hanging up (busy, no
 * answer, an AMI Hangup of it) or not answering within {@code atxfernoanswertimeout} gives the transferer back to the
 * transferee. Not simulated: the DTMF feature codes *1..*4 typed on a phone, three-way, swap.
 */
final class Transfers {
  private final Engine e;

  Transfers(Engine e) {
    this.e = e;
  }

  /** Returns null on success or the AMI error message. */
  String blind(Channel t, String ctx, String exten) {
    Bridge b = e.bridgeMap().get(t);
    Channel peer = b == null || b.members.size() != 2 ? null : b.other(t);
    AmiMessage ev = AmiMessage.event("BlindTransfer", Events.CALL);
    boolean ok = peer != null;
    ev.add("Result", ok ? "Success" : "Invalid");
    Events.channel(ev, "Transferer", t.view());
    if (peer != null) {
      Events.channel(ev, "Transferee", peer.view());
    }
    if (b != null) {
      Events.bridgeState(ev, "", b);
    }
    ev.add("IsExternal", "Yes").add("Context", ctx).add("Extension", exten);
    if (!ok) {
      e.emit(ev);
      return "Transfer invalid";
    }
    e.setVar(peer, "BLINDTRANSFER", t.name);
    e.emit(ev);
    e.queues().markTransfer(b);
    e.redirect(peer, ctx, exten, 1);
    return null;
  }

  /**
   * Issue 23: the attended transfer of a SIP REFER with Replaces (res_pjsip_refer.c refer_attended_task:
   * "ast_bridge_transfer_attended(attended->transferer_chan, attended->transferer_second->channel)"). Both transferers
   * must be in a two-party bridge (main/bridge.c: "if (!to_transferee_bridge_channel || !to_target_bridge_channel) {
   * res = AST_BRIDGE_TRANSFER_INVALID;"). Of two_bridge_attended_transfer's outcomes the simulator takes the swap into
   * the transferee's bridge ("case AST_BRIDGE_OPTIMIZE_SWAP_TO_CHAN_BRIDGE: final_bridge = to_transferee_bridge;"):
   * the target replaces the first transferer in the caller's bridge, the consultation bridge goes, both transferers
   * hang up. The AttendedTransfer event (main/stasis_bridges.c attended_transfer_to_ami) carries the bridges as they
   * were when the transfer began ("ast_attended_transfer_message_create" runs first), DestType Bridge with the final
   * bridge, or Result Invalid and DestType Fail.
   */
  String bridges(Channel t1, Channel t2) {
    Bridge b1 = e.bridgeMap().get(t1);
    Bridge b2 = e.bridgeMap().get(t2);
    Channel transferee = b1 == null || b1.members.size() != 2 ? null : b1.other(t1);
    Channel target = b2 == null || b2.members.size() != 2 ? null : b2.other(t2);
    boolean ok = transferee != null && target != null && b1 != b2;
    AmiMessage ev = attendedTransferEvent(ok, t1, b1, t2, b2, transferee, target);
    if (!ok) {
      e.emit(ev.add("DestType", "Fail"));
      return "Transfer invalid";
    }
    ev.add("DestType", "Bridge").add("DestBridgeUniqueid", b1.id);
    QueueManager.Attempt queueCall = b1.generic ? null : e.queues().adopt(b1);
    if (queueCall != null) {
      queueCall.reasonOverride = "transfer";
    }
    Bridging br = e.bridging();
    // the consultation bridge empties without kicking anyone back to Dial (its after-bridge would hang up the target)
    t2.onBridgeEnd = null;
    target.onBridgeEnd = null;
    e.clock().cancel(t2.pendingTimer);
    br.leave(b2, t2);
    br.leave(b2, target);
    br.dissolve(b2);
    br.leave(b1, t1);
    br.enter(b1, target);
    e.setVar(target, "BRIDGEPEER", transferee.name);
    e.setVar(transferee, "BRIDGEPEER", target.name);
    e.emit(ev);
    e.endChannel(t1);
    e.endChannel(t2);
    return null;
  }

  /** Starts the consultation; returns null or the AMI error message. */
  String attended(Channel t, String ctx, String exten) {
    if (e.features().atxfer().isEmpty()) {
      return "No attended transfer feature code found";
    }
    if (ctx != null && !ctx.isEmpty()) {
      e.setVar(t, "TRANSFER_CONTEXT", ctx);
    }
    String context = !t.var("TRANSFER_CONTEXT").isEmpty() ? t.var("TRANSFER_CONTEXT") : t.context;
    Bridge b1 = e.bridgeMap().get(t);
    if (b1 == null || b1.members.size() != 2) {
      // the feature code reaches a channel outside a two-party bridge: nothing happens, the action was queued
      return null;
    }
    e.defer(() -> consult(t, b1, context, exten));
    return null;
  }

  private void consult(Channel t, Bridge b1, String context, String exten) {
    if (t.hungUp || e.bridgeMap().get(t) != b1) {
      return;
    }
    Channel transferee = b1.other(t);
    QueueManager.Attempt queueCall = b1.generic ? null : e.queues().adopt(b1);
    Bridging br = e.bridging();
    e.musicOnHoldIndication(transferee);
    br.move(b1, t);
    Channel[] local = e.createLocal(exten, context, t.linkedid);
    Channel one = local[0];
    Channel two = local[1];
    Bridge b2 = br.create();
    br.enter(b2, t);
    br.enter(b2, one);
    boolean[] done = {false};
    long noAnswer = e.clock().schedule(e.features().noAnswerTimeoutSec() * 1000L, () -> {
      if (!done[0] && one.state != 6) {
        e.requestHangup(one, "16", false);
      }
    });
    // the consultation leg ends first: the transferer goes back to the transferee
    one.onHangupRequest = () -> {
      if (done[0]) {
        return;
      }
      done[0] = true;
      e.clock().cancel(noAnswer);
      br.leave(b2, one);
      br.leave(b2, t);
      e.emit(Events.bridge("BridgeDestroy", b2));
      e.endChannel(one);
      if (!t.hungUp && !b1.dissolved && b1.members.contains(transferee)) {
        e.stopMoh(transferee);
        br.enter(b1, t);
      }
    };
    // the transferer hangs up: the transfer completes
    t.onHangupRequest = () -> {
      if (done[0]) {
        br.leave(b2, t);
        e.endChannel(t);
        return;
      }
      done[0] = true;
      e.clock().cancel(noAnswer);
      AmiMessage ev = attendedTransferEvent(true, t, b1, t, b2, transferee.hungUp ? null : transferee, one)
          .add("DestType", "Bridge").add("DestBridgeUniqueid", b1.id);
      if (queueCall != null) {
        queueCall.reasonOverride = "transfer";
      }
      br.leave(b2, t);
      br.leave(b2, one);
      e.emit(Events.bridge("BridgeDestroy", b2));
      if (!transferee.hungUp && !b1.dissolved) {
        e.stopMoh(transferee);
        br.enter(b1, one);
        one.onHangupRequest = () -> br.hangupMember(b1, one);
      }
      e.emit(ev);
      e.endChannel(t);
    };
    e.defer(() -> e.runner().start(two, context, exten, 1));
  }

  /**
   * The AttendedTransfer event's common part (main/stasis_bridges.c attended_transfer_to_ami): result, both
   * transferers with their bridges (a bridge null: left out), transferee and target when known, IsExternal.
   */
  private static AmiMessage attendedTransferEvent(boolean ok, Channel t1, Bridge b1, Channel t2, Bridge b2,
      Channel transferee, Channel target) {
    AmiMessage ev = AmiMessage.event("AttendedTransfer", Events.CALL).add("Result", ok ? "Success" : "Invalid");
    Events.channel(ev, "OrigTransferer", t1.view());
    if (b1 != null) {
      Events.bridgeState(ev, "Orig", b1);
    }
    Events.channel(ev, "SecondTransferer", t2.view());
    if (b2 != null) {
      Events.bridgeState(ev, "Second", b2);
    }
    if (transferee != null) {
      Events.channel(ev, "Transferee", transferee.view());
    }
    if (target != null) {
      Events.channel(ev, "TransferTarget", target.view());
    }
    return ev.add("IsExternal", "Yes");
  }
}
