package cn.hotline12345.contract;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the server needs from Asterisk's manager interface, in one place: the events it consumes (with the class
 * Asterisk sends each under, from the {@code Privilege:} headers of the captures and {@code manager.c}), the channel
 * variables whose {@code VarSet} it reads, the actions it sends (with the classes Asterisk registers each under), and
 * so the {@code read=} and {@code write=} rights its manager user must have.
 *
 * <p>The server's event translator handles exactly {@link #CONSUMED_EVENTS}; {@code docker/asterisk/manager.conf}
 * must deliver them (its rights and {@code eventfilter}s are tested against this class); pbx-sim refuses what
 * Asterisk refuses, by the same rules.
 */
public final class AmiContract {

    private AmiContract() {
    }

    /** An event the server consumes and the class Asterisk sends it under. */
    public record ConsumedEvent(String name, ManagerClass eventClass, String why) {
    }

    /**
     * An action the server sends. Asterisk lets a user run it when the user's {@code write=} holds any one of
     * {@code authority} ({@code manager.c}, {@code process_message}: {@code writeperm & authority}), or always when
     * {@code authority} is empty (registered with 0).
     */
    public record UsedAction(String name, Set<ManagerClass> authority, String why) {
        public boolean allowedWith(Set<ManagerClass> write) {
            return authority.isEmpty() || authority.stream().anyMatch(write::contains);
        }
    }

    public static final List<ConsumedEvent> CONSUMED_EVENTS = List.of(
            new ConsumedEvent("FullyBooted", ManagerClass.SYSTEM, "Asterisk is ready: the link starts its resync"),
            new ConsumedEvent("Shutdown", ManagerClass.SYSTEM, "tells a restart from a dropped socket"),
            new ConsumedEvent("Newchannel", ManagerClass.CALL, "a call or a leg begins"),
            new ConsumedEvent("Newstate", ManagerClass.CALL, "ringing, answered"),
            new ConsumedEvent("NewCallerid", ManagerClass.CALL, "the caller's number or name changed"),
            new ConsumedEvent("Hangup", ManagerClass.CALL, "a leg ends"),
            new ConsumedEvent("Hold", ManagerClass.CALL, "a party put on hold"),
            new ConsumedEvent("Unhold", ManagerClass.CALL, "a party taken off hold"),
            new ConsumedEvent("MusicOnHoldStart", ManagerClass.CALL, "the caller hears music on hold"),
            new ConsumedEvent("MusicOnHoldStop", ManagerClass.CALL, "music on hold ends"),
            new ConsumedEvent("OriginateResponse", ManagerClass.CALL,
                    "the outcome of an Async Originate: callbacks and revisits (CallbackService, by ActionID)"),
            // main/manager_channels.c channel_chanspy_start_cb / _stop_cb: manager_event(EVENT_FLAG_CALL, "ChanSpyStart"...)
            new ConsumedEvent("ChanSpyStart", ManagerClass.CALL,
                    "a supervisor's ChanSpy began listening to an agent's call (the monitor slice, by the spyer channel)"),
            new ConsumedEvent("ChanSpyStop", ManagerClass.CALL, "that listening ended"),
            new ConsumedEvent("BlindTransfer", ManagerClass.CALL, "a blind transfer"),
            new ConsumedEvent("AttendedTransfer", ManagerClass.CALL, "an attended transfer"),
            new ConsumedEvent("VarSet", ManagerClass.DIALPLAN, "the IVR's variables (see CONSUMED_VARIABLES)"),
            new ConsumedEvent("QueueCallerJoin", ManagerClass.AGENT, "a caller waits in a queue"),
            new ConsumedEvent("QueueCallerLeave", ManagerClass.AGENT, "a caller leaves a queue"),
            new ConsumedEvent("QueueCallerAbandon", ManagerClass.AGENT, "a caller gave up waiting"),
            new ConsumedEvent("AgentCalled", ManagerClass.AGENT, "an agent's phone rings: the screen pop"),
            new ConsumedEvent("AgentRingNoAnswer", ManagerClass.AGENT, "the agent did not answer"),
            new ConsumedEvent("AgentConnect", ManagerClass.AGENT, "the agent answered"),
            new ConsumedEvent("AgentComplete", ManagerClass.AGENT, "the agent's call ended"),
            new ConsumedEvent("QueueMemberStatus", ManagerClass.AGENT, "an agent's device or call state"),
            new ConsumedEvent("QueueMemberAdded", ManagerClass.AGENT, "an agent logged in to a queue"),
            new ConsumedEvent("QueueMemberRemoved", ManagerClass.AGENT, "an agent logged out of a queue"),
            new ConsumedEvent("QueueMemberPause", ManagerClass.AGENT, "an agent paused or unpaused"));

    /** Channel variables whose {@code VarSet} the server reads, by exact name. */
    public static final Set<String> CONSUMED_VARIABLES = Set.of(ChannelVariable.QUEUE_PRIO,
            ChannelVariable.MEMBERINTERFACE, ChannelVariable.MIXMONITOR_FILENAME);
    /** ... and every variable starting with this prefix ({@code HOTLINE_*}). */
    public static final String CONSUMED_VARIABLE_PREFIX = ChannelVariable.PREFIX;

    /** Whether the server reads the {@code VarSet} of this variable. */
    public static boolean consumesVariable(String name) {
        return name != null && (name.startsWith(CONSUMED_VARIABLE_PREFIX) || CONSUMED_VARIABLES.contains(name));
    }

    private static Set<ManagerClass> of(ManagerClass... c) {
        return c.length == 0 ? Set.of() : Set.copyOf(EnumSet.of(c[0], c));
    }

    public static final List<UsedAction> USED_ACTIONS = List.of(
            new UsedAction("Login", of(), "log in"),
            new UsedAction("Challenge", of(), "MD5 login"),
            new UsedAction("Logoff", of(), "clean stop"),
            new UsedAction("Ping", of(), "keep-alive"),
            new UsedAction("CoreStatus", of(ManagerClass.SYSTEM, ManagerClass.REPORTING),
                    "is Asterisk up when FullyBooted does not come"),
            new UsedAction("CoreSettings", of(ManagerClass.SYSTEM, ManagerClass.REPORTING), "Asterisk's version"),
            new UsedAction("CoreShowChannels", of(ManagerClass.SYSTEM, ManagerClass.REPORTING), "resync: live channels"),
            new UsedAction("BridgeList", of(), "resync: bridges"),
            new UsedAction("BridgeInfo", of(), "resync: who is in a bridge"),
            new UsedAction("QueueStatus", of(), "resync: queue members and waiting callers"),
            new UsedAction("QueueSummary", of(), "queue figures"),
            new UsedAction("QueueAdd", of(ManagerClass.AGENT), "agent logs in to a queue"),
            new UsedAction("QueueRemove", of(ManagerClass.AGENT), "agent logs out of a queue"),
            new UsedAction("QueuePause", of(ManagerClass.AGENT), "agent pauses (示忙), wrap-up"),
            new UsedAction("Originate", of(ManagerClass.ORIGINATE), "callbacks, revisits, agents' outbound calls, and a supervisor's phone running ChanSpy (listen, whisper, barge): "
                    + "an Application that manager.c's originate_app_permissions does not list needs no more than originate"),
            new UsedAction("Redirect", of(ManagerClass.CALL), "overflow, transfers, hold and retrieve"),
            new UsedAction("Atxfer", of(ManagerClass.CALL), "attended transfer"),
            new UsedAction("BlindTransfer", of(ManagerClass.CALL), "blind transfer"),
            new UsedAction("Bridge", of(ManagerClass.CALL), "retrieve a held caller to the agent"),
            new UsedAction("Hangup", of(ManagerClass.SYSTEM, ManagerClass.CALL), "agent hangs up"),
            new UsedAction("Getvar", of(ManagerClass.CALL, ManagerClass.REPORTING), "read a channel variable"),
            new UsedAction("Setvar", of(ManagerClass.CALL), "set a channel variable"));

    /** The {@code read=} classes the server's manager user needs: the classes of every consumed event. */
    public static Set<ManagerClass> requiredRead() {
        return CONSUMED_EVENTS.stream().map(ConsumedEvent::eventClass)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ManagerClass.class)));
    }

    /**
     * The least {@code write=} the server's manager user needs: {@code call, agent, originate, reporting} (never
     * {@code system}, {@code command} or {@code config}, which could stop Asterisk or change its configuration).
     */
    public static final Set<ManagerClass> LEAST_WRITE = Set.copyOf(EnumSet.of(ManagerClass.CALL, ManagerClass.AGENT,
            ManagerClass.ORIGINATE, ManagerClass.REPORTING));

    /** Write classes the server's user must never have. */
    public static final Set<ManagerClass> FORBIDDEN_WRITE = Set.copyOf(EnumSet.of(ManagerClass.SYSTEM,
            ManagerClass.COMMAND, ManagerClass.CONFIG));

    /** Consumed events by name. */
    public static Map<String, ConsumedEvent> consumedByName() {
        return CONSUMED_EVENTS.stream().collect(Collectors.toUnmodifiableMap(ConsumedEvent::name, e -> e));
    }

    public static UsedAction action(String name) {
        return USED_ACTIONS.stream().filter(a -> a.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an action of the contract: " + name));
    }
}
