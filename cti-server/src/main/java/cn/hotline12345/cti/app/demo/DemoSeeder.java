package cn.hotline12345.cti.app.demo;

import cn.hotline12345.cti.caller.api.FlagKind;
import cn.hotline12345.cti.caller.api.MeasureLevel;
import cn.hotline12345.cti.caller.internal.NuisanceService;
import cn.hotline12345.cti.knowledge.internal.KnowledgeSeed;
import cn.hotline12345.cti.knowledge.internal.KnowledgeService;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.privacy.api.Staff;
import cn.hotline12345.cti.privacy.api.StaffRole;
import cn.hotline12345.cti.text.synth.SyntheticHistory;
import cn.hotline12345.cti.text.synth.SyntheticMatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What demo mode puts in an empty database before the first call (issue 22 item 2), all through the real services:
 * the handling units and a matter history ({@link DemoHistory}), the knowledge base ({@link KnowledgeSeed}), and two
 * nuisance callers: one flagged twice by agents for harassment (the rules propose a review and a warning: the IVR
 * plays the legal notice, a supervisor finds them on the review list) and one under a supervisor's dedicated-queue
 * measure (q-special). Each part is skipped when its data is there already (a demo restarted on its data folder).
 */
public final class DemoSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);

    /** The demo's nuisance caller under a warning (made up). */
    public static final String WARNED_NUMBER = "15853690417";
    /** The demo's caller under a dedicated-queue measure (made up). */
    public static final String DEDICATED_NUMBER = "13685361208";
    /** Matters a day in the seeded history (weekdays; the generator makes weekends 80 %). */
    static final int HISTORY_PER_DAY = 24;

    /**
     * What the traffic and the back office need from the seed.
     *
     * @param openMatterNumbers citizens with an open matter (they call back about it)
     * @param unitIds           the units by the generator's names
     * @param liveTexts         what today's callers tell (a separate draw of the generator)
     */
    public record Seeded(List<String> openMatterNumbers, Map<String, String> unitIds, List<SyntheticMatter> liveTexts) {
    }

    private DemoSeeder() {
    }

    /**
     * Seeds what is missing; blocks (the demo's start thread) until done.
     *
     * @param history whether to seed the matter history (demo.history)
     */
    public static Seeded seed(Db db, KnowledgeService knowledge, NuisanceService nuisance, long seed, int historyDays,
                              boolean history, Instant now) throws Exception {
        long started = System.nanoTime();
        int kb = KnowledgeSeed.seedIfEmpty(knowledge).await(120, TimeUnit.SECONDS);
        SyntheticHistory past = DemoHistory.generate(seed, historyDays, HISTORY_PER_DAY, now);
        // today's callers: another draw of the same city, so their texts never repeat the history's word for word
        List<SyntheticMatter> live = DemoHistory.generate(seed + 1, 3, 200, now).matters();
        Map<String, String> units = DemoHistory.unitIds(past);
        List<String> open = List.of();
        Map<MatterStatus, Integer> byStatus = Map.of();
        if (history) {
            DemoHistory.Result r = new DemoHistory(db, seed, now).seed(past);
            open = r.openMatterNumbers();
            byStatus = r.byStatus();
        }
        int measures = nuisance(nuisance);
        LOG.info("demo: seeded {} knowledge entries, {} units, {} matters {}, {} nuisance measures in {} ms", kb,
                units.size(), byStatus.values().stream().mapToInt(Integer::intValue).sum(), byStatus, measures,
                (System.nanoTime() - started) / 1_000_000);
        return new Seeded(open, units, live);
    }

    private static int nuisance(NuisanceService nuisance) throws Exception {
        int n = 0;
        if (nuisance.history(WARNED_NUMBER).await(30, TimeUnit.SECONDS).isEmpty()) {
            Staff agent = new Staff("agent1", StaffRole.AGENT, null, false);
            Staff other = new Staff("agent2", StaffRole.AGENT, null, false);
            n += nuisance.flag(WARNED_NUMBER, FlagKind.HARASSMENT, "来电后反复辱骂话务员，无实际诉求", null, agent)
                    .await(30, TimeUnit.SECONDS).proposed().size();
            n += nuisance.flag(WARNED_NUMBER, FlagKind.INSULT, "一天内多次来电骚扰，劝阻无效", null, other)
                    .await(30, TimeUnit.SECONDS).proposed().size();
        }
        if (nuisance.history(DEDICATED_NUMBER).await(30, TimeUnit.SECONDS).isEmpty()) {
            Staff supervisor = new Staff("supervisor1", StaffRole.SUPERVISOR, null, true);
            nuisance.impose(DEDICATED_NUMBER, MeasureLevel.DEDICATED_QUEUE,
                    "长期频繁来电长时间占线，经班长审核转专席接听", List.of(), null, supervisor).await(30, TimeUnit.SECONDS);
            n++;
        }
        return n;
    }
}
