package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.cti.call.api.AgentActions.Progress;
import cn.hotline12345.cti.call.api.AgentActions.Progress.Kind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every live channel of one PBX as its raw AMI events tell (a tap of the link: {@code Newchannel}, {@code Newstate},
 * {@code Hangup}, {@code AttendedTransfer}, {@code OriginateResponse}), and what the
 * agents' phones and the agents' transfers do, told as {@link Progress}. The call tracker follows calls for records and
 * queues; this follows legs: an agent's phone ringing with a call that came back from a failed transfer, a colleague
 * answering a blind transfer, the far end of a consultation, the agent's own outbound call. None of that is a queue
 * event, so the tracker has no word for it.
 *
 * <p>Confined to the link's event loop (taps run there; {@link AmiAgentActions} reads it there). After a reconnect it
 * knows only channels created since: the tracker's view is the fallback for the call controls.
 */
final class CallLegs implements Consumer<AmiMessage> {

    /** {@code PJSIP/1001-0000002a}: an agent's phone (extensions 3-8 digits; the trunk is {@code PJSIP/trunk-...}). */
    private static final Pattern PHONE = Pattern.compile("PJSIP/([0-9]{3,8})-[^;]+");
    private static final Pattern TRUNK = Pattern.compile("PJSIP/trunk-.+");
    private static final Duration WATCH_LIFE = Duration.ofMinutes(10);
    private static final int MAX_LEGS = 100_000;

    /** One channel. */
    record Leg(String uniqueid, String linkedid, String name, int state, Instant since) {
        boolean up() {
            return state == 6;
        }

        boolean first() {
            return uniqueid.equals(linkedid);
        }

        /** The agent extension of a phone leg, or null. */
        String phone() {
            Matcher m = PHONE.matcher(name);
            return m.matches() ? m.group(1) : null;
        }

        boolean trunk() {
            return TRUNK.matcher(name).matches();
        }
    }

    /** What the server started on a call and waits to see the outcome of. */
    enum WatchKind { BLIND, CONSULT, HOLD }

    private static final class Watch {
        final WatchKind kind;
        final String fromExt;
        final String target;
        final boolean targetIsPhone;
        final Instant since;
        final Set<String> ignore = new LinkedHashSet<>();
        String targetLeg;
        String returnLeg;
        String localOne;
        boolean failed;

        Watch(WatchKind kind, String fromExt, String target, boolean targetIsPhone, Instant since) {
            this.kind = kind;
            this.fromExt = fromExt;
            this.target = target;
            this.targetIsPhone = targetIsPhone;
            this.since = since;
        }
    }

    private final String pbxId;
    private final Clock clock;
    private final Consumer<Progress> out;
    private final Map<String, Leg> legs = new LinkedHashMap<>();
    private final Map<String, Set<String>> byCall = new HashMap<>();
    private final Map<String, Watch> watches = new HashMap<>();
    private final OutboundDials dials;
    /**
     * Told when one side of a held call hangs up, with the leg left behind: the caller must not stay in music on hold
     * for ever when the agent's phone hangs up, nor the agent's phone in silence when the held party did.
     */
    private Consumer<Leg> holdBroken = l -> { };

    CallLegs(String pbxId, Clock clock, Consumer<Progress> out) {
        this.pbxId = pbxId;
        this.clock = clock;
        this.out = out;
        this.dials = new OutboundDials(clock, this::tell);
    }

    void onHoldBroken(Consumer<Leg> c) {
        this.holdBroken = c;
    }

    @Override
    public void accept(AmiMessage m) {
        String ev = m.event();
        if (ev == null) {
            return;
        }
        switch (ev) {
            case "Newchannel" -> created(m);
            case "Newstate" -> state(m);
            case "Hangup" -> hungUp(m);
            case "AttendedTransfer" -> attended(m);
            case "OriginateResponse" -> dials.originated(m);
            default -> {
            }
        }
    }

    // ------------------------------------------------------------------ what the server asks

    /** The live legs of an agent's phone, oldest first. */
    List<Leg> phoneLegs(String extension) {
        List<Leg> l = new ArrayList<>();
        for (Leg leg : legs.values()) {
            if (extension.equals(leg.phone())) {
                l.add(leg);
            }
        }
        return l;
    }

    /** The live legs of a call, oldest first. */
    List<Leg> callLegs(String linkedid) {
        Set<String> ids = byCall.get(linkedid);
        List<Leg> l = new ArrayList<>();
        if (ids != null) {
            ids.forEach(id -> {
                Leg leg = legs.get(id);
                if (leg != null) {
                    l.add(leg);
                }
            });
        }
        return l;
    }

    /** Drops what is known of a call the tracker no longer has (a hangup missed while the link was down). */
    void forgetCall(String linkedid) {
        Set<String> ids = byCall.remove(linkedid);
        if (ids != null) {
            ids.forEach(legs::remove);
        }
        watches.remove(linkedid);
    }

    /**
     * The server sent a transfer on this call: tell its outcome. {@code ignore}: the legs already there (the caller, the
     * transferring agent's own leg), which are not the target's nor a leg coming back.
     */
    void watch(String linkedid, WatchKind kind, String fromExt, String target, boolean targetIsPhone,
               List<String> ignoreUniqueids) {
        Watch w = new Watch(kind, fromExt, target, targetIsPhone, clock.instant());
        w.ignore.addAll(ignoreUniqueids);
        watches.put(linkedid, w);
        sweep();
    }

    /** The server put a call on hold: tell when a side of it hangs up ({@link #onHoldBroken}). */
    void watchHold(String linkedid, String extension, String heldUniqueid, String agentUniqueid) {
        Watch w = new Watch(WatchKind.HOLD, extension, heldUniqueid, false, clock.instant());
        w.targetLeg = agentUniqueid;
        watches.put(linkedid, w);
        sweep();
    }

    void unwatch(String linkedid) {
        watches.remove(linkedid);
    }

    boolean holding(String linkedid) {
        Watch w = watches.get(linkedid);
        return w != null && w.kind == WatchKind.HOLD;
    }

    /** The consultation's {@code Local/...;1} channel of an attended transfer under way, or null. */
    String consultChannel(String linkedid) {
        Watch w = watches.get(linkedid);
        return w == null || w.kind != WatchKind.CONSULT || w.localOne == null ? null : name(w.localOne);
    }

    /** The agent asked for an outbound call: its phone's next new leg is that call. */
    void dialling(String extension, String number) {
        dials.dialling(extension, number);
    }

    /** The Originate of that call was queued under this ActionID (its OriginateResponse tells a failure). */
    void dialQueued(String extension, String actionId) {
        dials.dialQueued(extension, actionId);
    }

    // ------------------------------------------------------------------ events

    private void created(AmiMessage m) {
        String uid = m.get("Uniqueid");
        String lid = m.get("Linkedid");
        String name = m.get("Channel");
        if (uid == null || lid == null || name == null || legs.containsKey(uid)) {
            return;
        }
        if (legs.size() >= MAX_LEGS) {
            sweepLegs();
        }
        Leg leg = new Leg(uid, lid, name, intOf(m.get("ChannelState")), clock.instant());
        legs.put(uid, leg);
        byCall.computeIfAbsent(lid, k -> new LinkedHashSet<>()).add(uid);
        String ext = leg.phone();
        String dialled = dials.created(leg);
        if (ext != null) {
            tell(ext, lid, Kind.PHONE_RINGING, dialled, null);
        }
        Watch w = watches.get(lid);
        if (w == null || w.kind == WatchKind.HOLD || w.ignore.contains(uid)) {
            return;
        }
        if (name.startsWith("Local/") && name.endsWith(";1") && w.kind == WatchKind.CONSULT && w.localOne == null) {
            w.localOne = uid;
        } else if (isTarget(w, leg) && w.targetLeg == null && !w.failed) {
            w.targetLeg = uid;
            tell(w.fromExt, lid, w.kind == WatchKind.CONSULT ? Kind.CONSULT_RINGING : Kind.TRANSFER_RINGING, w.target, null);
        } else if (w.kind == WatchKind.BLIND && w.fromExt.equals(ext) && w.returnLeg == null) {
            if (!w.failed) {
                // no leg to the target was ever created: the colleague's phone is not registered (CHANUNAVAIL)
                w.failed = true;
                tell(w.fromExt, lid, Kind.TRANSFER_FAILED, w.target, "unavailable");
            }
            w.returnLeg = uid;
            tell(w.fromExt, lid, Kind.RETURN_RINGING, w.target, null);
        }
    }

    private boolean isTarget(Watch w, Leg leg) {
        return w.targetIsPhone ? w.target.equals(leg.phone()) : leg.trunk();
    }

    private void state(AmiMessage m) {
        Leg leg = legs.get(m.get("Uniqueid"));
        if (leg == null) {
            return;
        }
        int st = intOf(m.get("ChannelState"));
        Leg now = new Leg(leg.uniqueid(), leg.linkedid(), leg.name(), st, leg.since());
        legs.put(leg.uniqueid(), now);
        if (st != 6 || leg.up()) {
            return;
        }
        String lid = leg.linkedid();
        String ext = leg.phone();
        if (ext != null) {
            tell(ext, lid, Kind.PHONE_UP, null, null);
        }
        dials.up(now);
        Watch w = watches.get(lid);
        if (w == null || w.kind == WatchKind.HOLD) {
            return;
        }
        if (leg.uniqueid().equals(w.targetLeg)) {
            tell(w.fromExt, lid, w.kind == WatchKind.CONSULT ? Kind.CONSULT_ANSWERED : Kind.TRANSFER_ANSWERED,
                    w.target, null);
            if (w.kind == WatchKind.BLIND) {
                watches.remove(lid);
            }
        } else if (leg.uniqueid().equals(w.returnLeg)) {
            tell(w.fromExt, lid, Kind.RETURNED, w.target, null);
            watches.remove(lid);
        }
    }

    private void hungUp(AmiMessage m) {
        String uid = m.get("Uniqueid");
        Leg leg = legs.remove(uid);
        if (leg == null) {
            return;
        }
        String lid = leg.linkedid();
        Set<String> ids = byCall.get(lid);
        if (ids != null) {
            ids.remove(uid);
            if (ids.isEmpty()) {
                byCall.remove(lid);
            }
        }
        String cause = m.get("Cause", "");
        String ext = leg.phone();
        if (ext != null) {
            tell(ext, lid, Kind.PHONE_DOWN, null, cause);
        }
        dials.hungUp(leg, cause);
        Watch w = watches.get(lid);
        if (w == null) {
            return;
        }
        if (w.kind == WatchKind.HOLD) {
            // target = the held leg's uniqueid, targetLeg = the holding agent's leg
            boolean heldGone = uid.equals(w.target);
            if (heldGone || uid.equals(w.targetLeg)) {
                watches.remove(lid);
                Leg left = legs.get(heldGone ? w.targetLeg : w.target);
                if (left != null) {
                    holdBroken.accept(left);
                }
            }
        } else if (leg.first()) {
            watches.remove(lid);
            tell(w.fromExt, lid, Kind.CALLER_LEFT, w.target, cause);
        } else if (uid.equals(w.targetLeg) && !leg.up() && !w.failed) {
            w.failed = true;
            tell(w.fromExt, lid, w.kind == WatchKind.CONSULT ? Kind.CONSULT_FAILED : Kind.TRANSFER_FAILED, w.target,
                    reasonOf(cause));
            if (w.kind == WatchKind.CONSULT) {
                watches.remove(lid);
            }
        } else if (uid.equals(w.returnLeg) && !leg.up()) {
            watches.remove(lid);
            tell(w.fromExt, lid, Kind.RETURN_FAILED, w.target, reasonOf(cause));
        } else if (uid.equals(w.localOne) && w.kind == WatchKind.CONSULT) {
            watches.remove(lid);
            tell(w.fromExt, lid, Kind.CONSULT_CANCELLED, w.target, null);
        }
    }

    /** main/stasis_bridges.c attended_transfer_to_ami: the consultation was joined to the caller's bridge. */
    private void attended(AmiMessage m) {
        String lid = m.get("OrigTransfererLinkedid");
        Watch w = lid == null ? null : watches.get(lid);
        if (w == null || w.kind != WatchKind.CONSULT) {
            return;
        }
        watches.remove(lid);
        tell(w.fromExt, lid, "Success".equals(m.get("Result")) ? Kind.CONSULT_COMPLETED : Kind.CONSULT_FAILED,
                w.target, m.get("Result"));
    }

    // ------------------------------------------------------------------ helpers

    /** Q.850 cause of a leg that was never answered, as the console says it. */
    static String reasonOf(String cause) {
        return switch (cause == null ? "" : cause) {
            case "17" -> "busy";
            case "18", "19", "16", "21", "" -> "no_answer";
            default -> "unavailable";
        };
    }

    private void tell(String ext, String linkedid, Kind kind, String target, String detail) {
        out.accept(new Progress(pbxId, ext, linkedid, kind, target, detail, clock.instant()));
    }

    private String name(String uid) {
        Leg l = legs.get(uid);
        return l == null ? null : l.name();
    }

    private void sweep() {
        Instant cut = clock.instant().minus(WATCH_LIFE);
        watches.values().removeIf(w -> w.since.isBefore(cut));
        dials.sweep();
    }

    /** Legs of calls whose hangup was missed (a reconnect): the oldest go first. */
    private void sweepLegs() {
        Instant cut = clock.instant().minus(Duration.ofHours(6));
        legs.values().removeIf(l -> l.since().isBefore(cut));
        while (legs.size() >= MAX_LEGS) {
            String first = legs.keySet().iterator().next();
            Leg l = legs.remove(first);
            Set<String> ids = byCall.get(l.linkedid());
            if (ids != null) {
                ids.remove(first);
            }
        }
        byCall.values().removeIf(Set::isEmpty);
        dials.retain(byCall.keySet());
    }

    private static int intOf(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
