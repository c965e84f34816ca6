package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.Disposition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rebuilds one call record from Asterisk's own records ({@link AsteriskRows}): the authoritative answer to "what
 * happened to this call", whatever the AMI stream showed. Pure.
 *
 * <p>The rules keep the AMI tracker's meaning of each field (call.tracking.CallState), so that a call the tracker
 * saw whole rebuilds to the same values:
 * <ul>
 *   <li>queue_log (apps/app_queue.c): the first CONNECT ({@code holdtime|peer uniqueid|ringtime}) makes the call
 *   answered in that queue, its holdtime the wait; the agent is the member interface behind the peer's channel (its
 *   CEL CHAN_START {@code channame}, {@code PJSIP/1001-0000002a} → {@code PJSIP/1001}); the talk time is the
 *   COMPLETECALLER/COMPLETEAGENT {@code holdtime|talktime|pos} (BLINDTRANSFER/ATTENDEDTRANSFER: their 4th field)
 *   of that member. Without a CONNECT, the last ENTERQUEUE's queue and its exit's wait (ABANDON,
 *   EXITWITHTIMEOUT, EXITEMPTY: 3rd field; EXITWITHKEY: 4th) make an abandon in the queue.</li>
 *   <li>CEL (main/cel.c): the caller's first channel (uniqueid = linkedid) gives the start (CHAN_START), the number,
 *   whether it was answered (ANSWER), and the hangup cause (HANGUP {@code extra.hangupcause}); LINKEDID_END is the end
 *   of the call. A call that never queued: not answered → failed; HANGUP in {@code Dial} (the transfer out of the
 *   dialplan's {@code xfer}) → transferred out; in {@code Hangup} (the dialplan's {@code bye} after the IVR) → self
 *   served; anywhere else (the IVR's AGI) → abandoned in the IVR. These IVR-level outcomes rest on where the channel
 *   was, not on the IVR's own decision (HOTLINE_NEXT, which only the AMI stream shows): {@link Rebuilt#ivrLevel}.</li>
 * </ul>
 */
public final class CallRebuilder {

    private static final Pattern HANGUP_CAUSE = Pattern.compile("\"hangupcause\"\\s*:\\s*(\\d+)");
    private static final Pattern AGI_SCRIPT = Pattern.compile("agi://[^/]*/([A-Za-z0-9_-]+)");

    private CallRebuilder() {
    }

    /** One entry of a call's timeline as Asterisk recorded it. */
    public record Step(Instant at, String kind, String source, Map<String, String> data) {
        public Step {
            data = Map.copyOf(data);
        }
    }

    /**
     * A call as Asterisk's records tell it.
     *
     * @param ended           LINKEDID_END was written: the call is over
     * @param ivrLevel        the disposition rests on where the caller's channel hung up (no queue involved)
     * @param reachedQueueApp the caller's channel ran Queue() (the dialplan starts MixMonitor just before it)
     */
    public record Rebuilt(CallKey key, boolean ended, String callerNumber, String callerName, String dialled,
                          Instant startedAt, Instant answeredAt, Instant endedAt, String queue, Instant queueJoinedAt,
                          Instant queueLeftAt, Long queueWaitMs, String agent, Long talkMs, Integer hangupCause,
                          Disposition disposition, boolean ivrLevel, boolean reachedQueueApp, int transfers,
                          List<Step> timeline) {
        public Rebuilt {
            timeline = List.copyOf(timeline);
        }
    }

    public static Rebuilt rebuild(AsteriskRows rows) {
        String linkedid = rows.linkedid();
        List<AsteriskRows.Cel> cel = rows.cel();
        Map<String, String> channelOf = new HashMap<>();
        AsteriskRows.Cel firstStart = null;
        AsteriskRows.Cel callerLast = null;
        AsteriskRows.Cel callerHangup = null;
        AsteriskRows.Cel end = null;
        boolean answered = false;
        boolean queueApp = false;
        int transfers = 0;
        List<Step> steps = new ArrayList<>();
        for (AsteriskRows.Cel r : cel) {
            channelOf.putIfAbsent(r.uniqueid(), r.channame());
            boolean caller = linkedid.equals(r.uniqueid());
            if (caller) {
                callerLast = r;
            }
            switch (r.eventtype()) {
                case "CHAN_START" -> {
                    if (caller || firstStart == null) {
                        firstStart = r; // the caller's own channel wins over any other that started first
                    }
                    if (caller) {
                        steps.add(new Step(r.eventtime(), "call_started", "cel", Map.of("channel", nz(r.channame()))));
                    }
                }
                case "ANSWER" -> {
                    if (caller) {
                        answered = true;
                    }
                }
                case "APP_START" -> {
                    if (caller && "Queue".equalsIgnoreCase(r.appname())) {
                        queueApp = true;
                    }
                    if (caller && "AGI".equalsIgnoreCase(r.appname())) {
                        Matcher m = AGI_SCRIPT.matcher(nz(r.appdata()));
                        steps.add(new Step(r.eventtime(), "ivr", "cel", Map.of("script", m.find() ? m.group(1) : "")));
                    }
                }
                case "BLINDTRANSFER", "ATTENDEDTRANSFER" -> {
                    transfers++;
                    steps.add(new Step(r.eventtime(), "transfer", "cel", Map.of("attended",
                            Boolean.toString(r.eventtype().startsWith("ATTENDED")), "by", member(r.channame()))));
                }
                case "HANGUP" -> {
                    if (caller) {
                        callerHangup = r;
                        steps.add(new Step(r.eventtime(), "hangup", "cel", Map.of("cause",
                                String.valueOf(cause(r.extra())), "where", nz(r.appname()))));
                    }
                }
                case "LINKEDID_END" -> end = r;
                default -> {
                }
            }
        }
        AsteriskRows.Cel first = firstStart != null ? firstStart : (cel.isEmpty() ? null : cel.get(0));
        AsteriskRows.Cel who = callerLast != null ? callerLast : first;

        // ---- queue_log
        AsteriskRows.QueueLog connect = null;
        AsteriskRows.QueueLog connectJoin = null;
        AsteriskRows.QueueLog lastJoin = null;
        AsteriskRows.QueueLog lastExit = null;
        AsteriskRows.QueueLog completion = null;
        for (AsteriskRows.QueueLog q : rows.queueLog()) {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("queue", nz(q.queuename()));
            switch (q.event()) {
                case "ENTERQUEUE" -> {
                    lastJoin = q;
                    lastExit = null;
                    d.put("position", q.data(3));
                    steps.add(new Step(q.time(), "queue_join", "queue_log", d));
                }
                case "RINGNOANSWER" -> {
                    d.put("member", nz(q.agent()));
                    d.put("ring_ms", q.data(1));
                    steps.add(new Step(q.time(), "agent_no_answer", "queue_log", d));
                }
                case "CONNECT" -> {
                    if (connect == null) {
                        connect = q;
                        connectJoin = lastJoin;
                    }
                    d.put("member", nz(q.agent()));
                    d.put("agent", member(channelOf.get(q.data(2))));
                    d.put("hold_s", q.data(1));
                    steps.add(new Step(q.time(), "agent_connect", "queue_log", d));
                }
                case "COMPLETECALLER", "COMPLETEAGENT", "BLINDTRANSFER", "ATTENDEDTRANSFER" -> {
                    boolean transfer = q.event().endsWith("TRANSFER");
                    if (completion == null && connect != null && nz(connect.agent()).equals(nz(q.agent()))) {
                        completion = q;
                    }
                    d.put("member", nz(q.agent()));
                    d.put("talk_s", transfer ? q.data(4) : q.data(2));
                    d.put("by", q.event().equals("COMPLETEAGENT") ? "agent"
                            : q.event().equals("COMPLETECALLER") ? "caller" : "transfer");
                    steps.add(new Step(q.time(), "agent_complete", "queue_log", d));
                }
                case "ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "EXITWITHKEY" -> {
                    lastExit = q;
                    d.put("wait_s", q.event().equals("EXITWITHKEY") ? q.data(4) : q.data(3));
                    d.put("how", q.event().toLowerCase(java.util.Locale.ROOT));
                    steps.add(new Step(q.time(), "queue_exit", "queue_log", d));
                }
                default -> {
                }
            }
        }
        String queue = null;
        Instant joined = null;
        Instant left = null;
        Long waitMs = null;
        String agent = null;
        Long talkMs = null;
        Instant answeredAt = null;
        Disposition disposition;
        boolean ivrLevel = false;
        if (connect != null) {
            queue = connect.queuename();
            joined = connectJoin != null ? connectJoin.time() : null;
            left = connect.time();
            answeredAt = connect.time();
            waitMs = seconds(connect.data(1));
            String ch = channelOf.get(connect.data(2));
            agent = ch == null ? null : member(ch);
            if (completion != null) {
                talkMs = seconds(completion.event().endsWith("TRANSFER") ? completion.data(4) : completion.data(2));
            }
            disposition = Disposition.ANSWERED;
        } else if (lastJoin != null) {
            queue = lastJoin.queuename();
            joined = lastJoin.time();
            if (lastExit != null) {
                left = lastExit.time();
                waitMs = seconds(lastExit.event().equals("EXITWITHKEY") ? lastExit.data(4) : lastExit.data(3));
            }
            disposition = Disposition.ABANDONED_IN_QUEUE;
        } else {
            ivrLevel = true;
            String where = callerHangup == null ? "" : nz(callerHangup.appname());
            if (!answered) {
                disposition = Disposition.FAILED;
            } else if ("Dial".equalsIgnoreCase(where)) {
                disposition = Disposition.TRANSFERRED_OUT;
            } else if ("Hangup".equalsIgnoreCase(where)) {
                disposition = Disposition.SELF_SERVED;
            } else {
                disposition = Disposition.ABANDONED_IN_IVR;
            }
        }
        if (end != null) {
            steps.add(new Step(end.eventtime(), "call_ended", "cel", Map.of("disposition", disposition.dbName())));
        }
        steps.sort(java.util.Comparator.comparing(Step::at));
        return new Rebuilt(new CallKey(rows.pbxId(), linkedid), end != null, who == null ? null : nz(who.cidNum()),
                who == null ? null : nz(who.cidName()), first == null ? null : nz(first.exten()),
                first == null ? null : first.eventtime(), answeredAt, end == null ? null : end.eventtime(), queue,
                joined, left, waitMs, agent, talkMs, callerHangup == null ? null : cause(callerHangup.extra()),
                disposition, ivrLevel, queueApp, transfers, steps);
    }

    /** The queue member interface behind a channel name: PJSIP/1001-0000002a → PJSIP/1001; Local/1001@agents-0000000b;1 → Local/1001@agents/n. */
    static String member(String channel) {
        if (channel == null || channel.isEmpty()) {
            return "";
        }
        int dash = channel.lastIndexOf('-');
        String base = dash > 0 ? channel.substring(0, dash) : channel;
        return channel.startsWith("Local/") ? base + "/n" : base;
    }

    private static Integer cause(String extra) {
        if (extra == null) {
            return null;
        }
        Matcher m = HANGUP_CAUSE.matcher(extra);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static Long seconds(String s) {
        try {
            return s == null || s.isBlank() ? null : Long.parseLong(s.trim()) * 1000;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
