package cn.hotline12345.pbxsim.fault;

import java.time.Duration;

/**
 * Faults on demand, for the server's reliability tests. All methods are thread-safe and return
 * once the fault is in effect.
 */
public interface Faults {
  /** Closes every AMI connection (as a crash or network reset would); new logins still work. */
  void resetAmi();

  /** Half-open link: stop sending anything and ignore all input, keeping sockets open. */
  void silent(boolean on);

  /** Stop reading the clients' actions (they are discarded unanswered); events keep flowing. */
  void ignoreActions(boolean on);

  /**
   * Restart: Shutdown event, close all connections, stop listening for {@code downtime}, then
   * listen on the same port again; the next login gets FullyBooted with a low Uptime. Calls in
   * progress are dropped.
   */
  void restart(Duration downtime);

  /**
   * The AMI link is cut for {@code downtime}: every AMI connection is closed and the port refuses new ones until
   * then, while calls go on (a network cut between the server and the PBX, not a PBX restart). Returns at once.
   */
  void cutAmi(Duration downtime);

  /** Delay every FastAGI reply by this much (zero to stop). */
  void slowAgi(Duration delay);

  /** Every event is sent twice. */
  void duplicateEvents(boolean on);

  /** Sends one header line longer than {@code bytes} inside an otherwise valid event. */
  void sendOversizedLine(int bytes);

  /** Sends an event whose value holds invalid UTF-8 bytes. */
  void sendBrokenUtf8();

  /** Sends events that lack headers every real one has (no Privilege, no Uniqueid, no Event). */
  void sendMissingHeaders();
}
