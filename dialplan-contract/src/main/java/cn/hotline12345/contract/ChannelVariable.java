package cn.hotline12345.contract;

/**
 * The channel variables the dialplan, the IVR (FastAGI {@code SET VARIABLE}) and the server exchange
 * (docs/dialplan-contract.md).
 */
public final class ChannelVariable {

    private ChannelVariable() {
    }

    /** Prefix of every variable of ours; the AMI filter lets their VarSet through. */
    public static final String PREFIX = "HOTLINE_";

    /** What the dialplan does after the IVR: {@code queue} (default), {@code hangup}, {@code transfer}. */
    public static final String NEXT = "HOTLINE_NEXT";
    /** The queue to join (default {@code q-general}). */
    public static final String QUEUE = "HOTLINE_QUEUE";
    /** Queue priority 0..10, copied to {@code QUEUE_PRIO}. */
    public static final String PRIORITY = "HOTLINE_PRIORITY";
    /** The number dialled with {@code HOTLINE_NEXT=transfer}: 110, 119, 120, 122 or an outside number. */
    public static final String TRANSFER_TO = "HOTLINE_TRANSFER_TO";
    /** The IVR path the caller took ({@code welcome>emergency>menu:1>category:4}). */
    public static final String IVR_PATH = "HOTLINE_IVR_PATH";
    /** The matter number the caller was offered or asked about. */
    public static final String MATTER = "HOTLINE_MATTER";
    /** Comma list: {@code repeat}, {@code nuisance-warned}. */
    public static final String CALLER_FLAGS = "HOTLINE_CALLER_FLAGS";
    /** Matter category chosen in the IVR menu. */
    public static final String CATEGORY = "HOTLINE_CATEGORY";
    /** The caller's name as said to the IVR, when it asked. */
    public static final String CALLER_NAME = "HOTLINE_CALLER_NAME";
    /** {@code 1}: the caller asked to be called back (set in {@code [callback-offer]}). */
    public static final String CALLBACK = "HOTLINE_CALLBACK";
    /** The {@code callback_request} id of an outbound callback (the server's Originate). */
    public static final String CALLBACK_ID = "HOTLINE_CALLBACK_ID";
    /**
     * Set by the server on a caller's channel before a transfer (Setvar, then Redirect to transfer-out or
     * agent-transfer): the transferring agent's extension, rung again when the transfer is not answered.
     */
    public static final String RETURN_TO = "HOTLINE_RETURN_TO";
    /**
     * Set to {@code 1} by the server on a held caller's channel just before the Bridge action retrieves it: the
     * {@code [hold]} context then knows the caller came back (and was not left without music on hold).
     */
    public static final String RETRIEVED = "HOTLINE_RETRIEVED";
    /**
     * Not a channel variable: the server's name, in a call's variables, for the IVR path of the survey after the agent
     * hung up (the survey sets {@link #IVR_PATH} again; the call keeps the path before the queue as its IVR path).
     */
    public static final String POSTCALL_PATH = "HOTLINE_POSTCALL_PATH";
    /** The PBX's id in the server's configuration ({@code pbxs[].id}); a global in extensions.conf. */
    public static final String PBX = "HOTLINE_PBX";
    /** {@code host:port} of the server's FastAGI listener; a global in extensions.conf. */
    public static final String AGIHOST = "AGIHOST";

    /** Asterisk's queue priority, read by {@code Queue()}. */
    public static final String QUEUE_PRIO = "QUEUE_PRIO";
    /** Set by {@code Queue()} ({@code setinterfacevar=yes}): the interface of the member who answered. */
    public static final String MEMBERINTERFACE = "MEMBERINTERFACE";
    /** Set by {@code MixMonitor()}: the absolute path of the recording. */
    public static final String MIXMONITOR_FILENAME = "MIXMONITOR_FILENAME";
    /** Set by {@code Dial()}: ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL. */
    public static final String DIALSTATUS = "DIALSTATUS";
    /** Set by {@code Queue()} when it returns: {@code TIMEOUT}, {@code FULL}, {@code JOINEMPTY}, ... */
    public static final String QUEUESTATUS = "QUEUESTATUS";
}
