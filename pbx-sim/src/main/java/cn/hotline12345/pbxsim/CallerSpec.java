package cn.hotline12345.pbxsim;

import java.time.Duration;

/**
 * A simulated citizen calling in.
 *
 * @param number      calling number (CallerIDNum)
 * @param name        caller name (CallerIDName), may be Chinese
 * @param dialed      the number dialled, normally 12345
 * @param digits      DTMF the caller presses, one group per prompt, groups separated by commas
 *                    ("1,4" presses 1 at the first digit prompt and 4 at the second)
 * @param patience    how long the caller waits in a queue before abandoning; null = forever
 * @param hangupAfter the caller hangs up this long after the call starts, wherever it is; null = never
 * @param think       delay between a prompt starting and the caller pressing digits
 * @param talk        how long this caller's conversation lasts once an agent answered; the agent then hangs up,
 *                    as agents end hotline calls (null = the agent's own {@link AgentSpec#talkFor()})
 * @param queueKey    a digit the caller presses while waiting in a queue (e.g. 1 for a callback, when the queue
 *                    has an exit {@code context} with that extension, as app_queue's valid_exit checks); null = none
 * @param queueKeyAfter how long the caller waits in the queue before pressing {@code queueKey}
 */
public record CallerSpec(String number, String name, String dialed, String digits, Duration patience,
    Duration hangupAfter, Duration think, Duration talk, String queueKey, Duration queueKeyAfter) {
  public CallerSpec {
    if (number == null || number.isBlank() || number.indexOf('\n') >= 0 || number.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("caller number required, without CR/LF");
    }
    name = name == null ? "" : name.replace('\r', ' ').replace('\n', ' ');
    dialed = dialed == null ? "12345" : dialed;
    digits = digits == null ? "" : digits;
    think = think == null ? Duration.ofMillis(300) : think;
    if (queueKey != null && !queueKey.matches("[0-9*#]")) {
      throw new IllegalArgumentException("queueKey must be one of 0-9, * or #: " + queueKey);
    }
    if (queueKey != null && queueKeyAfter == null) {
      queueKeyAfter = Duration.ofSeconds(30);
    }
  }

  /** The spec before per-call talk time and queue keys (they stay unset). */
  public CallerSpec(String number, String name, String dialed, String digits, Duration patience,
      Duration hangupAfter, Duration think) {
    this(number, name, dialed, digits, patience, hangupAfter, think, null, null, null);
  }

  public static CallerSpec of(String number) {
    return new CallerSpec(number, "", "12345", "", null, null, null);
  }

  public CallerSpec name(String n) {
    return new CallerSpec(number, n, dialed, digits, patience, hangupAfter, think, talk, queueKey, queueKeyAfter);
  }

  public CallerSpec dialed(String d) {
    return new CallerSpec(number, name, d, digits, patience, hangupAfter, think, talk, queueKey, queueKeyAfter);
  }

  public CallerSpec digits(String d) {
    return new CallerSpec(number, name, dialed, d, patience, hangupAfter, think, talk, queueKey, queueKeyAfter);
  }

  public CallerSpec patience(Duration p) {
    return new CallerSpec(number, name, dialed, digits, p, hangupAfter, think, talk, queueKey, queueKeyAfter);
  }

  public CallerSpec hangupAfter(Duration h) {
    return new CallerSpec(number, name, dialed, digits, patience, h, think, talk, queueKey, queueKeyAfter);
  }

  public CallerSpec think(Duration t) {
    return new CallerSpec(number, name, dialed, digits, patience, hangupAfter, t, talk, queueKey, queueKeyAfter);
  }

  /** This caller's conversation lasts {@code t} once answered (the agent hangs up then). */
  public CallerSpec talk(Duration t) {
    return new CallerSpec(number, name, dialed, digits, patience, hangupAfter, think, t, queueKey, queueKeyAfter);
  }

  /** Presses {@code key} after waiting {@code after} in a queue (app_queue exits to the queue's context). */
  public CallerSpec pressInQueue(String key, Duration after) {
    return new CallerSpec(number, name, dialed, digits, patience, hangupAfter, think, talk, key, after);
  }
}
