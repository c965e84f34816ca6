package cn.hotline12345.contract;

import java.util.List;

/**
 * The dialplan contexts of {@code docker/asterisk/extensions.conf} that the server, the IVR or Asterisk's own
 * configuration (queues.conf {@code context=}) send channels into, with the extensions each must have. The server
 * never names a context or extension outside this list; a test loads the shipped extensions.conf and fails when one
 * of them is missing there, and pbx-sim runs that same file.
 *
 * @param name       the context, {@code [name]} in extensions.conf
 * @param extensions extensions (or patterns, {@code _q-.}) the context must match
 * @param purpose    who sends channels here and why
 */
public record DialplanContext(String name, List<String> extensions, String purpose) {

    /** Inbound calls from the carrier: 12345 (the IVR) and 123451 (the status line). */
    public static final DialplanContext FROM_PSTN = new DialplanContext("from-pstn", List.of("12345", "123451"),
            "inbound calls from the carrier trunk");
    /** A caller moved into another queue (server overflow, an agent's blind transfer to a queue); exten = queue. */
    public static final DialplanContext QUEUE_TRANSFER = new DialplanContext("queue-transfer", List.of("_q-."),
            "Redirect of a caller's channel into a queue, keeping QUEUE_PRIO");
    /** A caller sent out of the hotline: the emergency services (art. 39) or a handling unit's number. */
    public static final DialplanContext TRANSFER_OUT = new DialplanContext("transfer-out",
            List.of("110", "119", "120", "122", "_X."),
            "Redirect/Atxfer of a caller to 110/119/120/122 or an outside number over the trunk");
    /**
     * A caller put on hold by their agent: music on hold on the caller's own channel. Hold is one Redirect with
     * Channel = the caller (hold, s, 1) and ExtraChannel = the agent (agent-hold, s, 1); retrieve is the Bridge
     * action, Channel1 = the agent, Channel2 = the caller.
     */
    public static final DialplanContext HOLD = new DialplanContext("hold", List.of("s"),
            "Redirect (with ExtraChannel = the agent) of the caller's channel to music on hold; Bridge takes it back");
    /** The agent's side of a hold: silence until the Bridge action retrieves the caller. */
    public static final DialplanContext AGENT_HOLD = new DialplanContext("agent-hold", List.of("s"),
            "ExtraChannel of the hold Redirect: the agent's channel waits here");
    /** A blind transfer to a colleague: busy, no answer or unavailable sends the caller back (HOTLINE_RETURN_TO). */
    public static final DialplanContext AGENT_TRANSFER = new DialplanContext("agent-transfer", List.of("_1XXX"),
            "Redirect of a caller to a colleague's extension, back to HOTLINE_RETURN_TO when nobody answers");
    /** An agent's own outbound call (拨打) from the console: Originate of the agent's phone, then the number. */
    public static final DialplanContext AGENT_OUTBOUND = new DialplanContext("agent-outbound", List.of("_X."),
            "Originate Channel=PJSIP/<agent> into this context, Exten=<number>: the agent calls out");
    /** Agents dialling each other and transfers to a colleague's extension. */
    public static final DialplanContext AGENTS = new DialplanContext("agents", List.of("_1XXX"),
            "calls and transfers to an agent's extension");
    /** The waiting caller pressed 1 (queues.conf {@code context = callback-offer}). */
    public static final DialplanContext CALLBACK_OFFER = new DialplanContext("callback-offer", List.of("1"),
            "a waiting caller asks for a callback");
    /** The server's callback: Originate of the citizen's number, who then joins the queue. */
    public static final DialplanContext CALLBACK = new DialplanContext("callback", List.of("s"),
            "Originate of a callback to the citizen");
    /** The server's outbound revisit of a closed matter (art. 25). */
    public static final DialplanContext REVISIT = new DialplanContext("revisit", List.of("s"),
            "Originate of a revisit call");

    /** Every context of the contract. */
    public static final List<DialplanContext> ALL = List.of(FROM_PSTN, QUEUE_TRANSFER, TRANSFER_OUT, HOLD, AGENT_HOLD,
            AGENT_TRANSFER, AGENT_OUTBOUND, AGENTS, CALLBACK_OFFER, CALLBACK, REVISIT);

    /** The emergency numbers an agent may transfer a caller to (art. 39). */
    public static final List<String> EMERGENCY_NUMBERS = List.of("110", "119", "120", "122");
}
