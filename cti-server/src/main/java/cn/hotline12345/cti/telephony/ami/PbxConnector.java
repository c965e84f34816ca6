package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.cti.call.tracking.CallTracker;
import cn.hotline12345.cti.call.api.LiveChannel;
import cn.hotline12345.cti.call.api.PbxEvent;
import cn.hotline12345.cti.platform.config.CtiConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Joins one PBX's {@link AmiLink} to its {@link CallTracker}: every event is translated and applied on the
 * link's event loop, and after every (re)connect the tracker is resynchronised from
 * {@code CoreShowChannels} and {@code QueueStatus} (and, after an Asterisk restart, dynamic queue members
 * are put back).
 */
public final class PbxConnector implements AmiLinkListener {

    private static final Logger LOG = LoggerFactory.getLogger(PbxConnector.class);

    private final CtiConfig.Pbx config;
    private final CallTracker tracker;
    private final AmiEventTranslator translator;
    private final Clock clock;
    private final Consumer<ResyncResult> afterResync;
    private AmiLink link;
    private volatile long resyncs;
    private final ExpectedEvents expected = new ExpectedEvents();
    private final List<Consumer<AmiMessage>> taps = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** What a resync found, for stale-record cleanup and tests. */
    public record ResyncResult(String pbxId, boolean restarted, List<String> liveLinkedids) {
    }

    public PbxConnector(CtiConfig.Pbx config, CallTracker tracker, Clock clock, Consumer<ResyncResult> afterResync) {
        this.config = config;
        this.tracker = tracker;
        this.translator = new AmiEventTranslator(config.id(), clock);
        this.clock = clock;
        this.afterResync = afterResync;
    }

    /** Set once, before the link starts. */
    public void attach(AmiLink link) {
        this.link = link;
    }

    public AmiLink link() {
        return link;
    }

    /**
     * Runs {@code body} on the link's event loop, where the tracker and everything that follows this PBX's events is
     * confined, and completes with its result (or its runtime exception).
     */
    public <T> Future<T> onLoop(java.util.function.Supplier<T> body) {
        Promise<T> p = Promise.promise();
        link.context().runOnContext(v -> {
            try {
                p.complete(body.get());
            } catch (RuntimeException e) {
                p.fail(e);
            }
        });
        return p.future();
    }

    /**
     * Sends an action whose answer must be known before the link's next message is handled, e.g. an Async
     * Originate's ActionID that its {@code OriginateResponse} event will carry: sent from the link's loop, and
     * {@code onAnswer} runs there as the answer is read. (Attaching a callback after {@code link().send()} returns, on
     * another thread, can come after the link has read both the answer and the event that follows it.)
     */
    public Future<AmiMessage> sendThen(AmiAction action, Consumer<AmiMessage> onAnswer) {
        return this.<Future<AmiMessage>>onLoop(() -> link.send(action).onSuccess(onAnswer::accept)).compose(f -> f);
    }

    public CallTracker tracker() {
        return tracker;
    }

    public String pbxId() {
        return config.id();
    }

    /** Resyncs completed since start. */
    public long resyncs() {
        return resyncs;
    }

    /**
     * Adds a listener that sees every raw event on the link's event loop (e.g. {@code OriginateResponse}, which
     * the tracker does not use). It must only hand the event over.
     */
    public void addTap(Consumer<AmiMessage> tap) {
        taps.add(tap);
    }

    @Override
    public void onEvent(AmiMessage event) {
        for (Consumer<AmiMessage> t : taps) {
            try {
                t.accept(event);
            } catch (RuntimeException ex) {
                LOG.warn("PBX {}: event tap failed: {}", config.id(), ex.toString());
            }
        }
        String missing = expected.seen(event.event());
        if (missing != null && link != null) {
            link.problem("events", missing);
        }
        PbxEvent e = translator.translate(event);
        if (e != null) {
            tracker.apply(e);
        }
    }

    @Override
    public void onUp(AmiLink link, boolean restarted) {
        expected.reset();
        Map<String, List<String>> before = restarted ? tracker.board().membership() : Map.of();
        tracker.beginResync();
        Future<List<AmiMessage>> channels = link.sendList(AmiAction.named("CoreShowChannels"), "CoreShowChannelsComplete");
        Future<List<AmiMessage>> status = link.sendList(AmiAction.named("QueueStatus"), "QueueStatusComplete");
        Future<List<AmiMessage>> summary = link.sendList(AmiAction.named("QueueSummary"), "QueueSummaryComplete");
        Future.all(channels, status, summary).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("PBX {}: resync failed ({}); dropping the link to try again", config.id(), ar.cause().getMessage());
                link.dropConnection("resync failed");
                return;
            }
            List<LiveChannel> live = new ArrayList<>();
            for (AmiMessage m : channels.result()) {
                live.add(new LiveChannel(m.get("Uniqueid", ""), m.get("Linkedid", ""), m.get("Channel", ""),
                        m.get("CallerIDNum", ""), m.get("CallerIDName", ""), m.get("Context", ""), m.get("Exten", ""),
                        parseInt(m.get("ChannelState")), m.get("Application", ""), m.get("ApplicationData", ""),
                        m.get("BridgeId", ""), LiveChannel.parseDuration(m.get("Duration"))));
            }
            live.removeIf(c -> c.uniqueid().isEmpty() || c.linkedid().isEmpty());
            if (restarted) {
                tracker.board().clearLiveStateForRestart();
            }
            java.util.Set<String> waiting = new java.util.HashSet<>();
            for (AmiMessage m : status.result()) {
                if ("QueueEntry".equals(m.event()) && m.get("Uniqueid") != null) {
                    waiting.add(m.get("Uniqueid"));
                }
            }
            tracker.resync(live, waiting, restarted, clock.instant());
            for (AmiMessage m : status.result()) {
                if ("QueueMember".equals(m.event())) {
                    onEvent(m);
                }
            }
            if (restarted) {
                restoreMembers(link, before);
            }
            resyncs++;
            afterResync.accept(new ResyncResult(config.id(), restarted,
                    live.stream().map(LiveChannel::linkedid).distinct().toList()));
        });
    }

    private void restoreMembers(AmiLink link, Map<String, List<String>> before) {
        Map<String, List<String>> now = tracker.board().membership();
        before.forEach((member, queues) -> {
            for (String q : queues) {
                if (!now.getOrDefault(member, List.of()).contains(q)) {
                    link.send(AmiAction.named("QueueAdd").header("Queue", q).header("Interface", member)
                                    .header("StateInterface", member.endsWith("/n") ? member.substring(0, member.length() - 2) : member))
                            .onFailure(e -> LOG.warn("PBX {}: could not restore {} in {}: {}", config.id(), member, q,
                                    e.getMessage()));
                }
            }
        });
    }

    @Override
    public void onDown(String reason, boolean pbxShutdown) {
        LOG.warn("PBX {}: link down ({}){}", config.id(), reason, pbxShutdown ? ", Asterisk shut down" : "");
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
