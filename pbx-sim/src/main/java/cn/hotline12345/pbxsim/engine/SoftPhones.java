package cn.hotline12345.pbxsim.engine;

/**
 * Agents' phones that are real SIP user agents over WebSocket (issue 23: the console's softphone), as opposed to the
 * scripted {@link cn.hotline12345.pbxsim.AgentSpec} ones. When a queue rings a member whose extension has a
 * WebSocket contact, the queue sends an INVITE to it and the call is answered when the phone sends 200 OK, not by
 * the agent script; the AMI events stay exactly those of a scripted PJSIP agent.
 */
public interface SoftPhones {

  /**
   * Whether the extension has a live WebSocket registration and there is a far end for its media: the caller page
   * that placed the call ({@code linkedid}), or, for a simulated caller, a media end of the simulator's own playing a
   * recorded citizen (when enabled); otherwise the agent's script answers as before.
   */
  boolean canRing(String extension, String linkedid);

  /**
   * Sends an INVITE to the extension for the caller's call ({@code linkedid}); {@code events} hears the phone.
   * {@code agent} is the agent's channel the queue created for this attempt ({@code PJSIP/1001-0000000a}): what the
   * phone does in its dialog (DTMF by SIP INFO, a REFER) happens on that channel, as on a real PJSIP session.
   * Runs on the simulator's context.
   */
  Leg ring(String extension, Channel agent, String callerNumber, String callerName, String linkedid, Events events);

  /** What the phone did. Called on the simulator's context. */
  interface Events {
    /** 200 OK to the INVITE (the simulator then ACKs it). */
    void answered();

    /** A final error response to the INVITE (486, 603...), or the phone's connection went away while ringing. */
    void refused();

    /** BYE from the phone, or its WebSocket closed during the call. */
    void hungUp();
  }

  /** The simulator's side of the call to the phone. */
  interface Leg {
    /** CANCEL while ringing, BYE once answered; nothing when the phone ended it. */
    void end();
  }
}
