package cn.hotline12345.pbxsim;

import java.time.Duration;

/**
 * How a queue member's phone behaves when the queue rings it.
 *
 * @param iface       queue member interface, e.g. {@code PJSIP/1001} or {@code Local/1001@agents/n}
 * @param answerAfter ringing time before the agent answers
 * @param talkFor     talk time after answering, then the agent hangs up
 * @param response    whether the agent answers, refuses (busy) or lets it ring
 */
public record AgentSpec(String iface, Duration answerAfter, Duration talkFor, Response response) {
  /** What the agent does with a ringing call. */
  public enum Response { ANSWER, REFUSE, NO_ANSWER }

  public AgentSpec {
    if (iface == null || iface.isBlank()) {
      throw new IllegalArgumentException("iface required");
    }
    answerAfter = answerAfter == null ? Duration.ZERO : answerAfter;
    talkFor = talkFor == null ? Duration.ofSeconds(3) : talkFor;
    response = response == null ? Response.ANSWER : response;
  }

  public static AgentSpec pjsip(String extension) {
    return new AgentSpec("PJSIP/" + extension, Duration.ofSeconds(1), Duration.ofSeconds(30), Response.ANSWER);
  }

  public static AgentSpec local(String extension) {
    return new AgentSpec("Local/" + extension + "@agents/n", Duration.ZERO, Duration.ofSeconds(3), Response.ANSWER);
  }

  public AgentSpec answerAfter(long ms) {
    return new AgentSpec(iface, Duration.ofMillis(ms), talkFor, response);
  }

  public AgentSpec talkFor(long ms) {
    return new AgentSpec(iface, answerAfter, Duration.ofMillis(ms), response);
  }

  public AgentSpec refuse() {
    return new AgentSpec(iface, answerAfter, talkFor, Response.REFUSE);
  }

  public AgentSpec noAnswer() {
    return new AgentSpec(iface, answerAfter, talkFor, Response.NO_ANSWER);
  }

  /** The extension part of the interface ({@code 1001} for {@code PJSIP/1001}). */
  public String extension() {
    String s = iface.substring(iface.indexOf('/') + 1);
    int at = s.indexOf('@');
    return at < 0 ? s : s.substring(0, at);
  }
}
