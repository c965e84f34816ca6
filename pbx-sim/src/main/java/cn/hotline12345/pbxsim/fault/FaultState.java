package cn.hotline12345.pbxsim.fault;

/**
 * Switches the fault API flips and the wire code reads. Volatile because tests flip them from
 * their own threads while the simulator's event loop reads them.
 */
public final class FaultState {
  private volatile boolean silent;
  private volatile boolean ignoreInput;
  private volatile boolean duplicateEvents;
  private volatile long agiReplyDelayMs;

  public boolean silent() {
    return silent;
  }

  public void silent(boolean v) {
    silent = v;
  }

  public boolean ignoreInput() {
    return ignoreInput;
  }

  public void ignoreInput(boolean v) {
    ignoreInput = v;
  }

  public boolean duplicateEvents() {
    return duplicateEvents;
  }

  public void duplicateEvents(boolean v) {
    duplicateEvents = v;
  }

  public long agiReplyDelayMs() {
    return agiReplyDelayMs;
  }

  public void agiReplyDelayMs(long v) {
    agiReplyDelayMs = Math.max(0, v);
  }
}
