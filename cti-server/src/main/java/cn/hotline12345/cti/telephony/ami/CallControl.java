package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.contract.ChannelVariable;
import cn.hotline12345.contract.DialplanContext;

import java.util.List;

/**
 * The AMI actions of an agent's call controls, built in one place and only towards the contexts of
 * {@link DialplanContext} (docs/dialplan-contract.md "Transfers and hold"), so that a test can check every context
 * and extension the server may name against the shipped {@code docker/asterisk/extensions.conf}. Pure: values are
 * checked by the caller ({@link AmiAgentActions}) and again by {@link AmiAction}.
 */
public final class CallControl {

    private CallControl() {
    }

    /** Where a channel is sent: a context of the contract and an extension in it (priority 1). */
    public record Destination(DialplanContext context, String exten) {
    }

    /**
     * Hold: ONE Redirect of both legs. Asterisk 22's manager.c {@code action_redirect} flags both channels
     * {@code AST_FLAG_BRIDGE_DUAL_REDIRECT_WAIT} when an ExtraChannel is given, so the queue's bridge dissolving hangs up
     * neither; a Redirect of the caller alone dissolves the basic bridge ({@code AST_BRIDGE_FLAG_DISSOLVE_HANGUP}) and
     * hangs the agent up, leaving nothing to retrieve. The caller gets music on hold on their own channel.
     */
    public static AmiAction hold(String callerChannel, String agentChannel) {
        return AmiAction.named("Redirect").header("Channel", callerChannel)
                .header("Context", DialplanContext.HOLD.name()).header("Exten", "s").header("Priority", "1")
                .header("ExtraChannel", agentChannel).header("ExtraContext", DialplanContext.AGENT_HOLD.name())
                .header("ExtraExten", "s").header("ExtraPriority", "1");
    }

    /**
     * Retrieve, second step: features.c {@code action_bridge} puts both channels into a new basic bridge; each goes on
     * at its own priority + 1 when that bridge ends (the caller in {@code [hold]}: the survey).
     */
    public static AmiAction bridge(String agentChannel, String callerChannel) {
        return AmiAction.named("Bridge").header("Channel1", agentChannel).header("Channel2", callerChannel);
    }

    /** Retrieve, first step: {@code [hold]} then knows the caller was taken back (HOTLINE_RETRIEVED=1). */
    public static AmiAction retrieved(String callerChannel) {
        return setVar(callerChannel, ChannelVariable.RETRIEVED, "1");
    }

    /** Before a transfer with a way back: the extension {@code [transfer-return]} rings when nobody answers. */
    public static AmiAction returnTo(String callerChannel, String extension) {
        return setVar(callerChannel, ChannelVariable.RETURN_TO, extension);
    }

    public static AmiAction setVar(String channel, String variable, String value) {
        return AmiAction.named("Setvar").header("Channel", channel).header("Variable", variable).header("Value", value);
    }

    /** A blind transfer, a move to a queue, or the caller sent back to a queue: Redirect to priority 1. */
    public static AmiAction redirect(String callerChannel, Destination to) {
        return AmiAction.named("Redirect").header("Channel", callerChannel).header("Context", to.context().name())
                .header("Exten", to.exten()).header("Priority", "1");
    }

    /**
     * An attended transfer: manager.c {@code action_atxfer} feeds the {@code [featuremap] atxfer} code of
     * features.conf and the digits to the agent's channel; the consultation dials {@code Local/<exten>@<context>}.
     */
    public static AmiAction atxfer(String agentChannel, Destination to) {
        return AmiAction.named("Atxfer").header("Channel", agentChannel).header("Exten", to.exten())
                .header("Context", to.context().name());
    }

    /** The agent's own call: the phone rings first, then {@code [agent-outbound]} dials the number over the trunk. */
    public static AmiAction originate(String agentInterface, String extension, String number) {
        return AmiAction.named("Originate").header("Channel", agentInterface)
                .header("Context", DialplanContext.AGENT_OUTBOUND.name()).header("Exten", number).header("Priority", "1")
                .header("CallerID", extension).header("Timeout", "30000").header("Async", "true");
    }

    public static AmiAction hangup(String channel) {
        return AmiAction.named("Hangup").header("Channel", channel).header("Cause", "16");
    }

    /** A blind transfer to a colleague's phone ({@code [agent-transfer]}, back to the agent when not answered). */
    public static Destination toAgent(String extension) {
        return new Destination(DialplanContext.AGENT_TRANSFER, extension);
    }

    /** The consultation of an attended transfer to a colleague ({@code [agents]}). */
    public static Destination consultAgent(String extension) {
        return new Destination(DialplanContext.AGENTS, extension);
    }

    /** Out of the hotline: 110/119/120/122 or a handling unit's or other number ({@code [transfer-out]}). */
    public static Destination out(String number) {
        return new Destination(DialplanContext.TRANSFER_OUT, number);
    }

    /** Into a queue ({@code [queue-transfer]}, exten = the queue). */
    public static Destination queue(String queue) {
        return new Destination(DialplanContext.QUEUE_TRANSFER, queue);
    }

    /** Every header pair of an action that names a place in the dialplan: (context, extension). */
    public static List<String[]> dialplanTargets(AmiAction a) {
        java.util.ArrayList<String[]> out = new java.util.ArrayList<>();
        if (a.get("Context") != null) {
            out.add(new String[] {a.get("Context"), a.get("Exten")});
        }
        if (a.get("ExtraContext") != null) {
            out.add(new String[] {a.get("ExtraContext"), a.get("ExtraExten")});
        }
        return out;
    }
}
