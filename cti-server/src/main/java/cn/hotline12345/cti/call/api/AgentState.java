package cn.hotline12345.cti.call.api;

/** An agent's state as the queue view shows it. */
public enum AgentState {
    LOGGED_OUT, AVAILABLE, RINGING, ON_CALL, WRAP_UP, PAUSED
}
