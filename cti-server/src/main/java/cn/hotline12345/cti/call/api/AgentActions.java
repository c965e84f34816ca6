package cn.hotline12345.cti.call.api;

import io.vertx.core.Future;

import java.util.List;

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

    /** The PBX refused an action; the message is Asterisk's. */
    final class ActionFailedException extends RuntimeException {
        public ActionFailedException(String message) {
            super(message);
        }
    }
}
