package cn.hotline12345.cti.call.api;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What an agent can ask the PBX to do, for the web layer (issue 4 item 6). Every value is checked
 * before it reaches an AMI action; a refused value fails with {@link IllegalArgumentException}, a PBX
 * error fails with {@link ActionFailedException} carrying Asterisk's message.
 */
public interface AgentActions {

    /** Queue membership to log in to, with a penalty (lower is preferred). */
    record QueueLogin(String queue, int penalty) {
    }

    /** Where a call can be transferred. */
    record TransferTarget(Kind kind, String value) {
        /** agent: an extension; queue: a queue name; unit: a handling unit's number; emergency: 110/119/120/122; external: a number. */
        public enum Kind { AGENT, QUEUE, UNIT, EMERGENCY, EXTERNAL }
    }

    Future<Void> login(String pbxId, String extension, String memberName, List<QueueLogin> queues);

    Future<Void> logout(String pbxId, String extension, List<String> queues);

    Future<Void> pause(String pbxId, String extension, String reason);

    Future<Void> unpause(String pbxId, String extension);

    /** Click-to-dial or callback: rings the agent's phone, then dials the number. */
    Future<Void> dial(String pbxId, String extension, String number);

    Future<Void> transfer(String pbxId, String extension, TransferTarget target, boolean attended);

    Future<Void> hold(String pbxId, String extension, boolean on);

    Future<Void> hangup(String pbxId, String extension);

    /**
     * Ends the consultation of an attended transfer the agent started: {@code complete} hands the caller to the
     * colleague (the agent's leg is hung up, Asterisk joins the two), otherwise the consultation is dropped and the
     * agent is given the caller back.
     */
    default Future<Void> consult(String pbxId, String extension, boolean complete) {
        return Future.failedFuture(new ActionFailedException("attended transfer control is not available"));
    }

    /**
     * Registers a listener told what the PBX did with the calls agents act on (their phones ringing, answering and
     * hanging up, holds, transfers that were answered or came back), on an event loop: it must only hand over.
     * Implementations without a PBX behind them tell nothing.
     */
    default void onProgress(Consumer<Progress> listener) {
    }

    /**
     * Something the PBX did that an agent's console shows.
     *
     * @param extension the agent phone concerned (the one ringing, answering, the one who transferred ...)
     * @param linkedid  the call ({@code Linkedid}); its id on the console is {@code <pbxId>/<linkedid>}
     * @param target    the transfer or consultation target (an extension or a number), or the dialled number
     * @param detail    more about the outcome: {@code busy}, {@code no_answer}, {@code unavailable}, a hangup cause
     */
    record Progress(String pbxId, String extension, String linkedid, Kind kind, String target, String detail,
                    Instant at) {
        /** What happened. */
        public enum Kind {
            /** A leg to the agent's phone exists: it rings (a queue call, a transfer, a call coming back, its own call). */
            PHONE_RINGING,
            /** The agent's phone answered its leg. */
            PHONE_UP,
            /** The agent's leg ended (the agent or the far side hung up, or it was never answered). */
            PHONE_DOWN,
            /** The caller hears music on hold / no longer. */
            HOLD_ON, HOLD_OFF,
            /** A blind transfer the agent made rings its target / was answered / was not (busy, no answer). */
            TRANSFER_RINGING, TRANSFER_ANSWERED, TRANSFER_FAILED,
            /** The caller of a failed transfer rings the agent again / the agent has them back / went to the queue. */
            RETURN_RINGING, RETURNED, RETURN_FAILED,
            /** An attended transfer's consultation rings / was answered / failed, and how it ended. */
            CONSULT_RINGING, CONSULT_ANSWERED, CONSULT_FAILED, CONSULT_COMPLETED, CONSULT_CANCELLED,
            /** The agent's own outbound call (拨打): the far end rings, answered, failed, ended. */
            OUTBOUND_RINGING, OUTBOUND_ANSWERED, OUTBOUND_FAILED, OUTBOUND_ENDED,
            /** The caller hung up while a transfer was under way. */
            CALLER_LEFT
        }

        /** The call's id as consoles know it. */
        public String callId() {
            return pbxId + "/" + linkedid;
        }
    }

    /**
     * The action makes no sense in the call's state (no call, on hold, a busy colleague, ...): nothing was sent.
     * {@code code} names the reason for the console ({@code no_call}, {@code on_hold}, {@code not_on_hold},
     * {@code self_transfer}, {@code target_busy}, {@code target_absent}, {@code phone_busy}, {@code no_consultation},
     * {@code consult_queue}); the message is English, for logs.
     */
    final class Refused extends IllegalArgumentException {
        private final String code;

        public Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The PBX refused an action; the message is Asterisk's. */
    final class ActionFailedException extends RuntimeException {
        public ActionFailedException(String message) {
            super(message);
        }
    }
}
