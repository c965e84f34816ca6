package cn.hotline12345.pbxsim;

import java.time.Duration;

/**
 * How a number reached over the carrier trunk behaves ({@code Dial(PJSIP/<number>@trunk,...)} from
 * {@code [transfer-out]}, {@code [agent-outbound]}, and the server's Originates of callbacks and revisits): it rings
 * for {@code answerAfter}, then answers and talks for {@code talkFor} before hanging up, or is busy, congested or
 * never answers. {@code number} {@code "*"} is the default for every number without its own spec; without any,
 * a far end answers after 1 s and talks 5 s.
 */
public record FarEndSpec(String number, Duration answerAfter, Duration talkFor, Response response) {
  /** What the far end does with the call. */
  public enum Response { ANSWER, BUSY, NO_ANSWER, CONGESTION }

  public FarEndSpec {
    if (number == null || number.isBlank()) {
      throw new IllegalArgumentException("number required (or \"*\")");
    }
    answerAfter = answerAfter == null ? Duration.ofSeconds(1) : answerAfter;
    talkFor = talkFor == null ? Duration.ofSeconds(5) : talkFor;
    response = response == null ? Response.ANSWER : response;
  }

  public static FarEndSpec of(String number) {
    return new FarEndSpec(number, null, null, null);
  }

  /** The behaviour of every number without a spec of its own. */
  public static FarEndSpec anyNumber() {
    return of("*");
  }

  public FarEndSpec answerAfter(long ms) {
    return new FarEndSpec(number, Duration.ofMillis(ms), talkFor, response);
  }

  public FarEndSpec talkFor(long ms) {
    return new FarEndSpec(number, answerAfter, Duration.ofMillis(ms), response);
  }

  /** Busy (SIP 486, cause 17) after {@code answerAfter}. */
  public FarEndSpec busy() {
    return new FarEndSpec(number, answerAfter, talkFor, Response.BUSY);
  }

  /** Rings until the caller's Dial times out. */
  public FarEndSpec noAnswer() {
    return new FarEndSpec(number, answerAfter, talkFor, Response.NO_ANSWER);
  }

  /** Congestion (cause 34) after {@code answerAfter}. */
  public FarEndSpec congestion() {
    return new FarEndSpec(number, answerAfter, talkFor, Response.CONGESTION);
  }
}
