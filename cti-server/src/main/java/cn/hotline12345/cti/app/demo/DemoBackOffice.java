package cn.hotline12345.cti.app.demo;

import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.matter.api.Actor;
import cn.hotline12345.cti.matter.api.DispatchOrder;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.matter.api.MatterInput;
import cn.hotline12345.cti.matter.api.MatterQuery;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.MatterSummary;
import cn.hotline12345.cti.matter.api.RevisitMethod;
import cn.hotline12345.cti.matter.api.RevisitOutcome;
import cn.hotline12345.cti.matter.api.Satisfaction;
import cn.hotline12345.cti.text.synth.SyntheticMatter;
import cn.hotline12345.cti.platform.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Demo mode's staff and handling units at work (issue 22 item 2: "matters moving through dispatch and reply"): every
 * few seconds, through the same services as people use, the drafts the simulated calls opened are completed and
 * answered on the spot or accepted and dispatched; units sign for, start and reply; replied matters are revisited
 * and closed. A demo compresses days into minutes: a unit replies a few minutes after the dispatch. Only matters of
 * this run are moved (the seeded history keeps its overdue and due-soon ones for the supervision list), and a draft
 * only once nobody touched it for a while (an agent at the console completes their own).
 */
public final class DemoBackOffice implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DemoBackOffice.class);
    static final long TICK_MS = 10_000;
    /** A draft nobody touched for this long is completed by the back office. */
    static final Duration DRAFT_IDLE = Duration.ofMinutes(2);
    static final Duration UNIT_PACE = Duration.ofMinutes(2);
    static final int PER_TICK = 4;

    private final Vertx vertx;
    private final MatterModule matters;
    private final Clock clock;
    private final Instant since;
    private final Random random;
    private final Map<String, String> unitIds;
    private final Deque<SyntheticMatter> texts;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong moves = new AtomicLong();
    private long timer = -1;

    /**
     * @param since   only matters created from then on are moved
     * @param unitIds the units by the generator's names
     * @param texts   what callers tell (the generator's matters, taken in turn)
     */
    public DemoBackOffice(Vertx vertx, MatterModule matters, Clock clock, Instant since, long seed,
                          Map<String, String> unitIds, List<SyntheticMatter> texts) {
        this.vertx = vertx;
        this.matters = matters;
        this.clock = clock;
        this.since = since;
        this.random = new Random(seed);
        this.unitIds = Map.copyOf(unitIds);
        this.texts = new ArrayDeque<>(texts);
    }

    /** Moves the matters along every tick. */
    @Override
    public synchronized Future<Void> start() {
        if (timer < 0) {
            timer = vertx.setPeriodic(TICK_MS, id -> tick());
        }
        return Future.succeededFuture();
    }

    /** How many lifecycle steps it took so far. */
    public long moves() {
        return moves.get();
    }

    void tick() {
        if (!busy.compareAndSet(false, true)) {
            return; // the previous round still runs (a slow database): skip, never pile up
        }
        Instant now = clock.instant();
        Future.succeededFuture()
                .compose(v -> each(MatterStatus.DRAFT, m -> idleSince(m, DRAFT_IDLE, now) && m.originLinkedid() != null,
                        this::complete))
                .compose(v -> each(MatterStatus.DISPATCHED, m -> idleSince(m, UNIT_PACE, now),
                        m -> matters.unitMatters().signFor(m.leadUnitId(), m.id())))
                .compose(v -> each(MatterStatus.SIGNED_FOR, m -> idleSince(m, UNIT_PACE, now),
                        m -> matters.unitMatters().start(m.leadUnitId(), m.id())))
                .compose(v -> each(MatterStatus.IN_PROGRESS, m -> idleSince(m, UNIT_PACE.multipliedBy(2), now),
                        m -> matters.unitMatters().reply(m.leadUnitId(), m.id(), DemoTexts.pick(random, DemoTexts.REPLIES))))
                .compose(v -> each(MatterStatus.REPLIED, m -> idleSince(m, UNIT_PACE, now), this::revisit))
                .onFailure(e -> LOG.debug("demo back office: {}", e.toString()))
                .onComplete(x -> busy.set(false));
    }

    private static boolean idleSince(Matter m, Duration d, Instant now) {
        return m.updatedAt() != null && m.updatedAt().plus(d).isBefore(now);
    }

    /** Moves up to {@link #PER_TICK} matters of a status that pass {@code ready}, one after the other. */
    private Future<Void> each(MatterStatus status, java.util.function.Predicate<Matter> ready,
                              java.util.function.Function<Matter, Future<Matter>> step) {
        return matters.matters().search(new MatterQuery(status, null, null, null, null, null, since, null, 50))
                .compose(list -> {
                    Future<Integer> chain = Future.succeededFuture(0);
                    for (MatterSummary s : list) {
                        chain = chain.compose(done -> done >= PER_TICK ? Future.succeededFuture(done)
                                : matters.matters().get(s.id()).compose(m -> !ready.test(m)
                                        ? Future.succeededFuture(done)
                                        : step.apply(m).map(x -> {
                                            moves.incrementAndGet();
                                            return done + 1;
                                        }).otherwise(e -> {
                                            // someone else moved it meanwhile (an agent, a unit): leave it to them
                                            LOG.debug("demo back office: matter {}: {}", m.id(), e.toString());
                                            return done;
                                        })));
                    }
                    return chain.<Void>mapEmpty();
                });
    }

    /** What the caller told, written into the draft; then answered on the spot, or accepted and dispatched. */
    private Future<Matter> complete(Matter draft) {
        SyntheticMatter s = nextText(draft.category());
        Actor agent = Actor.agent(draft.takenBy() == null || draft.takenBy().isBlank() ? "agent1" : draft.takenBy());
        MatterInput in = new MatterInput(null, draft.category(), s.subject(), s.description(), s.district(), null,
                s.address(), true, draft.contactName() == null || draft.contactName().isBlank() ? s.reporterName() : null,
                draft.contactNumber() == null || draft.contactNumber().isBlank() ? s.callerNumber() : null, null, null);
        return matters.matters().update(draft.id(), draft.version(), in, agent).compose(m -> {
            if (m.category() == MatterCategory.CONSULTATION && random.nextInt(100) < 60) {
                return matters.matters().answerOnSpot(m.id(), m.version(), DemoTexts.pick(random, DemoTexts.ON_SPOT), agent);
            }
            String unit = unitIds.get(s.finalUnit());
            return matters.matters().accept(m.id(), m.version(), null, agent).compose(a -> unit == null
                    ? Future.succeededFuture(a)
                    : matters.matters().dispatch(a.id(), a.version(), new DispatchOrder(unit, List.of(), false, null), agent));
        });
    }

    private Future<Matter> revisit(Matter m) {
        int x = random.nextInt(100);
        Satisfaction sat = x < 80 ? Satisfaction.SATISFIED : x < 95 ? Satisfaction.BASICALLY_SATISFIED
                : Satisfaction.DISSATISFIED;
        return matters.revisits().recordRevisit(new RevisitOutcome(m.id(), RevisitMethod.AGENT,
                sat != Satisfaction.DISSATISFIED, sat, DemoTexts.REVISIT_NOTES.get(sat.ordinal())), Actor.agent("agent2"));
    }

    /** The next text of the same category (the caller chose it in the IVR), else the next one. */
    private synchronized SyntheticMatter nextText(MatterCategory category) {
        for (SyntheticMatter s : texts) {
            if (DemoTexts.category(s.category()) == category) {
                texts.remove(s);
                texts.addLast(s);
                return s;
            }
        }
        SyntheticMatter s = texts.pollFirst();
        texts.addLast(s);
        return s;
    }

    @Override
    public synchronized void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
