package cn.hotline12345.cti.monitor.api;

import java.time.Instant;

/**
 * One supervisor's monitoring of one agent's call, as it stands.
 *
 * @param id           the session's id (the ActionID of its Originate is kept by the owner of the PBX's link)
 * @param supervisor   the supervisor's user name
 * @param phone        the supervisor's extension, the phone that rings and then listens
 * @param agent        the agent's extension
 * @param linkedid     Asterisk's Linkedid of the agent's call
 * @param matterId     the hotline matter opened for that call, or null
 * @param error        why it failed, in Chinese, or null
 */
public record MonitorSession(String id, String pbxId, String supervisor, String phone, String agent, String linkedid,
                             Long matterId, MonitorMode mode, State state, Instant startedAt, Instant endedAt,
                             String error) {

    /** Where the session is. */
    public enum State {
        /** The Originate is queued: the supervisor's phone rings. */
        CALLING("正在呼叫您的电话"),
        /** The phone answered, ChanSpy runs and is looking for the agent's channel. */
        CONNECTED("已接通，正在接入通话"),
        /** ChanSpyStart: the supervisor is on the agent's call. */
        SPYING("进行中"),
        /** The supervisor's channel hung up (they stopped, or the call ended). */
        ENDED("已结束"),
        /** The phone could not be reached, or the PBX refused. */
        FAILED("失败");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean live() {
            return this == CALLING || this == CONNECTED || this == SPYING;
        }
    }
}
