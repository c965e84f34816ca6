package cn.hotline12345.pbxsim;

import java.time.Duration;

/**
 * A simulated citizen calling in.
 *
 * @param number     calling number (CallerIDNum)
 * @param name       caller name (CallerIDName), may be Chinese
 * @param dialed     the number dialled, normally 12345
 * @param digits     DTMF the caller presses, one group per prompt, groups separated by commas
 *                   ("1,4" presses 1 at the first digit prompt and 4 at the second)
 * @param patience   how long the caller waits in a queue before abandoning; null = forever
 * @param hangupAfter the caller hangs up this long after the call starts, wherever it is; null = never
 * @param think      delay between a prompt starting and the caller pressing digits
 */
public record CallerSpec(String number, String name, String dialed, String digits, Duration patience,
    Duration hangupAfter, Duration think) {
  public CallerSpec {
    if (number == null || number.isBlank() || number.indexOf('\n') >= 0 || number.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("caller number required, without CR/LF");
    }
    name = name == null ? "" : name.replace('\r', ' ').replace('\n', ' ');
    dialed = dialed == null ? "12345" : dialed;
    digits = digits == null ? "" : digits;
    think = think == null ? Duration.ofMillis(300) : think;
  }

  public static CallerSpec of(String number) {
    return new CallerSpec(number, "", "12345", "", null, null, null);
  }

  public CallerSpec name(String n) {
    return new CallerSpec(number, n, dialed, digits, patience, hangupAfter, think);
  }

  public CallerSpec dialed(String d) {
    return new CallerSpec(number, name, d, digits, patience, hangupAfter, think);
  }

  public CallerSpec digits(String d) {
    return new CallerSpec(number, name, dialed, d, patience, hangupAfter, think);
  }

  public CallerSpec patience(Duration p) {
    return new CallerSpec(number, name, dialed, digits, p, hangupAfter, think);
  }

  public CallerSpec hangupAfter(Duration h) {
    return new CallerSpec(number, name, dialed, digits, patience, h, think);
  }

  public CallerSpec think(Duration t) {
    return new CallerSpec(number, name, dialed, digits, patience, hangupAfter, t);
  }
}
