package cn.hotline12345.cti.app.demo;

import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.matter.api.Actor;
import cn.hotline12345.cti.matter.api.DispatchOrder;
import cn.hotline12345.cti.matter.api.HandlingUnit;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.matter.api.MatterChannel;
import cn.hotline12345.cti.matter.api.MatterInput;
import cn.hotline12345.cti.matter.api.MatterQuery;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.RevisitMethod;
import cn.hotline12345.cti.matter.api.RevisitOutcome;
import cn.hotline12345.cti.matter.api.Satisfaction;
import cn.hotline12345.cti.matter.api.Urgency;
import cn.hotline12345.cti.matter.internal.DeadlinePolicy;
import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.text.api.DispatchOutcome;
import cn.hotline12345.cti.text.synth.HotlineHistoryGenerator;
import cn.hotline12345.cti.text.synth.SyntheticHistory;
import cn.hotline12345.cti.text.synth.SyntheticMatter;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Demo mode's matter history (issue 22 item 2): the last days of a hotline, from {@code text.synth}'s generator
 * (typical citizen phrasing, the city's districts and units, some first sent to the wrong unit, incidents several
 * callers report), played through the real matter services at the moments they happened: drafted, accepted or
 * answered on the spot, dispatched, returned and dispatched again, signed for, in progress, replied, revisited and
 * closed, or reopened after a dissatisfied revisit. Steps later than now are not played, so the recent matters stand
 * where a real hotline's would: dispatched, in progress, replied, some overdue and some due soon, a few with an
 * extension request waiting for a supervisor. The services run on a {@link DemoClock} that each step sets.
 */
final class DemoHistory {

    private static final Logger LOG = LoggerFactory.getLogger(DemoHistory.class);
    private static final Duration AWAIT = Duration.ofSeconds(30);

    /** What was seeded: the units by name, the numbers of citizens whose matter is open, counts per status. */
    record Result(Map<String, String> unitIds, List<String> openMatterNumbers, Map<MatterStatus, Integer> byStatus) {
    }

    private final MatterModule matters;
    private final DemoClock clock;
    private final Random random;
    private final Instant now;
    private int extensionsAsked;

    DemoHistory(Db db, long seed, Instant now) {
        this.clock = new DemoClock(now);
        this.matters = new MatterModule(db, clock, DeadlinePolicy.standard(), 1);
        this.random = new Random(seed);
        this.now = now;
    }

    /** The generator's history of {@code days} days before today. */
    static SyntheticHistory generate(long seed, int days, int perDay, Instant now) {
        LocalDate today = now.atZone(HotlineTime.ZONE).toLocalDate();
        return new HotlineHistoryGenerator(new HotlineHistoryGenerator.Options(seed, today.minusDays(days), days, perDay,
                0.12, Math.max(1, days / 3), 0.06)).generate();
    }

    /** The handling units the history names, with stable ids (u01, u02, ... by name). */
    static Map<String, String> unitIds(SyntheticHistory h) {
        TreeSet<String> names = new TreeSet<>();
        h.matters().forEach(m -> m.dispatches().forEach(d -> names.add(d.unit())));
        Map<String, String> ids = new LinkedHashMap<>();
        int i = 0;
        for (String n : names) {
            ids.put(n, String.format("u%02d", ++i));
        }
        return ids;
    }

    Result seed(SyntheticHistory history) throws Exception {
        Map<String, String> units = unitIds(history);
        for (Map.Entry<String, String> u : units.entrySet()) {
            await(matters.parties().saveUnit(DemoTexts.unit(u.getValue(), u.getKey())));
        }
        boolean empty = await(matters.matters().search(new MatterQuery(null, null, null, null, null, null, null, null,
                1))).isEmpty();
        Map<MatterStatus, Integer> byStatus = new EnumMap<>(MatterStatus.class);
        List<String> open = new ArrayList<>();
        if (!empty) {
            LOG.info("demo: matters exist already, the history is not seeded again");
            return new Result(units, openNumbers(), byStatus);
        }
        for (SyntheticMatter s : history.matters()) {
            if (!s.createdAt().isBefore(now)) {
                continue;
            }
            Matter m = play(s, units, extensionsAsked < 3);
            byStatus.merge(m.status(), 1, Integer::sum);
            if (!m.status().isFinal() && m.contactNumber() != null && !m.confidential()) {
                open.add(m.contactNumber());
            }
        }
        return new Result(units, List.copyOf(open), byStatus);
    }

    private List<String> openNumbers() throws Exception {
        List<String> out = new ArrayList<>();
        for (MatterStatus st : List.of(MatterStatus.DISPATCHED, MatterStatus.SIGNED_FOR, MatterStatus.IN_PROGRESS,
                MatterStatus.REPLIED)) {
            await(matters.matters().search(new MatterQuery(st, null, null, null, null, null, null, null, 50)))
                    .forEach(s -> {
                        if (!s.confidential() && s.contactNumberNorm() != null) {
                            out.add(s.contactNumberNorm());
                        }
                    });
        }
        return out;
    }

    /** One matter's life up to now. */
    private Matter play(SyntheticMatter s, Map<String, String> units, boolean mayAskExtension) throws Exception {
        Actor agent = Actor.agent("agent" + (1 + random.nextInt(2)));
        MatterCategory category = DemoTexts.category(s.category());
        boolean confidential = category == MatterCategory.REPORT && random.nextInt(3) == 0;
        Instant t = s.createdAt();
        clock.set(t);
        Matter m = await(matters.matters().createDraft(new MatterInput(MatterChannel.PHONE, category, s.subject(),
                s.description(), s.district(), null, s.address(), true, s.reporterName(), s.callerNumber(), confidential,
                random.nextInt(20) == 0 ? Urgency.URGENT : Urgency.NORMAL), agent));
        t = t.plusSeconds(60 + random.nextInt(240));
        if (category == MatterCategory.CONSULTATION && random.nextBoolean()) {
            if (!at(t)) {
                return m;
            }
            return await(matters.matters().answerOnSpot(m.id(), m.version(), DemoTexts.pick(random, DemoTexts.ON_SPOT),
                    agent));
        }
        if (!at(t)) {
            return m;
        }
        m = await(matters.matters().accept(m.id(), m.version(), null, agent));
        List<SyntheticMatter.Dispatch> dispatches = s.dispatches();
        for (int i = 0; i < dispatches.size(); i++) {
            SyntheticMatter.Dispatch d = dispatches.get(i);
            String unit = units.get(d.unit());
            t = t.plusSeconds(600 + random.nextInt(3000));
            if (!at(t)) {
                return m;
            }
            m = await(matters.matters().dispatch(m.id(), m.version(), new DispatchOrder(unit, List.of(), i > 0, null),
                    agent));
            t = t.plusSeconds(1800 + random.nextInt(3 * 3600));
            if (!at(t)) {
                return m;
            }
            m = await(matters.unitMatters().signFor(unit, m.id()));
            if (d.outcome() == DispatchOutcome.RETURNED) {
                t = t.plusSeconds(3600 + random.nextInt(5 * 3600));
                if (!at(t)) {
                    return m;
                }
                m = await(matters.unitMatters().returnMatter(unit, m.id(), DemoTexts.pick(random, DemoTexts.RETURN_REASONS)));
                continue;
            }
            t = t.plusSeconds(3600 + random.nextInt(6 * 3600));
            if (!at(t)) {
                return m;
            }
            m = await(matters.unitMatters().start(unit, m.id()));
            // the generator's closing time is when the citizen's matter was done: reply a little before it
            Instant reply = s.closedAt().minus(Duration.ofHours(6 + random.nextInt(12)));
            if (reply.isBefore(t)) {
                reply = t.plusSeconds(3600);
            }
            if (!at(reply)) {
                if (mayAskExtension && m.deadlineAt() != null && reply.isAfter(m.deadlineAt())
                        && m.deadlineAt().isAfter(now)) {
                    Instant ask = now.minusSeconds(1800 + random.nextInt(3600));
                    clock.set(ask.isAfter(t) ? ask : t.plusSeconds(60));
                    m = await(matters.unitMatters().requestExtension(unit, m.id(),
                            DemoTexts.pick(random, DemoTexts.EXTENSION), 5, null));
                    extensionsAsked++;
                }
                return m;
            }
            m = await(matters.unitMatters().reply(unit, m.id(), DemoTexts.pick(random, DemoTexts.REPLIES)));
            Instant revisit = reply.plusSeconds(12 * 3600 + random.nextInt(24 * 3600));
            if (!at(revisit)) {
                return m;
            }
            int x = random.nextInt(100);
            Satisfaction sat = x < 78 ? Satisfaction.SATISFIED : x < 94 ? Satisfaction.BASICALLY_SATISFIED
                    : Satisfaction.DISSATISFIED;
            String note = DemoTexts.REVISIT_NOTES.get(sat.ordinal());
            m = await(matters.revisits().recordRevisit(new RevisitOutcome(m.id(), RevisitMethod.AGENT,
                    sat != Satisfaction.DISSATISFIED, sat, note), Actor.agent("agent2")));
            return m;
        }
        return m;
    }

    /** Sets the clock to {@code t} when it is in the past; false when the step has not happened yet. */
    private boolean at(Instant t) {
        if (!t.isBefore(now)) {
            return false;
        }
        clock.set(t);
        return true;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(AWAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
