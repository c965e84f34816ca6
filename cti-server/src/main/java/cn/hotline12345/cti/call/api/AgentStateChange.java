package cn.hotline12345.cti.call.api;

import java.time.Instant;

/** A change in an agent's state, for the agent state history (login, logout, pause with reason, wrap-up). */
public record AgentStateChange(String pbxId, String agent, String queue, String state, String reason, Instant at,
                               String eventKey) implements CallWriteItem {

    @Override
    public int laneHash() {
        return java.util.Objects.hash(pbxId, agent);
    }

    @Override
    public void dispatch(Handler handler) {
        handler.on(this);
    }
}
