package cn.hotline12345.ivr;

import cn.hotline12345.contract.ChannelVariable;
import cn.hotline12345.contract.HotlineQueue;

import java.util.Set;

/**
 * The names the flows use: the queues and channel variables of the dialplan contract (module dialplan-contract,
 * the one list) and the server functions the 12345 flows call.
 */
public final class HotlineNames {

    private HotlineNames() {
    }

    /** The queues of the contract. */
    public static final Set<String> QUEUES = Set.copyOf(HotlineQueue.ids());

    /** The operator queue: the fallback of every flow (art. 17: never a dead end). */
    public static final String OPERATOR_QUEUE = HotlineQueue.OPERATOR.id();

    /** caller profile lookup: args {@code caller}; results {@code measure}, {@code repeat}, {@code open_matter}. */
    public static final String CALLER_PROFILE = "caller_profile";
    /** matter status lookup: args {@code matter}, {@code caller}; results {@code result}, {@code state}, ... */
    public static final String MATTER_STATUS = "matter_status";
    /** knowledge base lookup: args {@code topic}, {@code caller}; results {@code found}, {@code sound}. */
    public static final String KNOWLEDGE = "knowledge";
    /** survey storage action: args {@code rating}, {@code agent}, {@code caller}, {@code uniqueid}. */
    public static final String RECORD_SURVEY = "record_survey";
    /** revisit storage action: args {@code matter}, {@code solved}, {@code rating}, {@code completed}. */
    public static final String RECORD_REVISIT = "record_revisit";

    /** Every server function the 12345 flows call; the server must register all of them. */
    public static final Set<String> SERVICES = Set.of(CALLER_PROFILE, MATTER_STATUS, KNOWLEDGE, RECORD_SURVEY,
            RECORD_REVISIT);

    public static final String NEXT = ChannelVariable.NEXT;
    public static final String QUEUE = ChannelVariable.QUEUE;
    public static final String PRIORITY = ChannelVariable.PRIORITY;
    public static final String TRANSFER_TO = ChannelVariable.TRANSFER_TO;
    public static final String IVR_PATH = ChannelVariable.IVR_PATH;
    public static final String MATTER = ChannelVariable.MATTER;
    public static final String CALLER_FLAGS = ChannelVariable.CALLER_FLAGS;

    /** Initial flow variable: the caller's number (agi_callerid), set by the server. */
    public static final String VAR_CALLER = "caller";
    /** Initial flow variable: the caller's name (agi_calleridname), set by the server. */
    public static final String VAR_CALLER_NAME = "caller_name";
    /** Initial flow variable: the channel's unique id (agi_uniqueid), set by the server. */
    public static final String VAR_UNIQUEID = "uniqueid";
}
