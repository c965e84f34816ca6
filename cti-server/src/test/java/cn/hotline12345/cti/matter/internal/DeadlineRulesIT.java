package cn.hotline12345.cti.matter.internal;

import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.matter.api.Actor;
import cn.hotline12345.cti.matter.api.DispatchOrder;
import cn.hotline12345.cti.matter.api.HandlingUnit;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.matter.api.MatterChannel;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterInput;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.RevisitMethod;
import cn.hotline12345.cti.matter.api.RevisitOutcome;
import cn.hotline12345.cti.matter.api.Satisfaction;
import cn.hotline12345.cti.matter.api.Transition;
import cn.hotline12345.cti.matter.api.UnitLevel;
import cn.hotline12345.cti.matter.api.Urgency;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.testing.MutableClock;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 19 item 8: an urgent matter gets fewer working days than a normal one, a reopened matter starts its time
 * again, the revisit's note is kept in the history; and the units the console's pickers list.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadlineRulesIT {

    private final AtomicInteger seq = new AtomicInteger();
    private Vertx vertx;
    private Db db;
    private MutableClock clock;
    private MatterModule module;
    private final Actor agent = Actor.agent("agent1");
    private static final java.time.Instant MONDAY = LocalDate.parse("2026-03-02").atTime(10, 0)
            .atZone(WorkingDayCalendar.ZONE).toInstant();

    @BeforeAll
    void start(TestDatabase database) throws Exception {
        vertx = Vertx.vertx();
        db = new Db(vertx, database.dataSource(), 4);
        // Monday 2026-03-02 10:00 in Shanghai: an ordinary week
        clock = new MutableClock(MONDAY);
        module = new MatterModule(db, clock, DeadlinePolicy.standard(), 1);
        module.parties().saveUnit(new HandlingUnit("dl-housing", "市住房和城乡建设局", UnitLevel.CITY, true, "05368881234"))
                .await();
        module.parties().saveUnit(new HandlingUnit("dl-closed", "已撤销单位", UnitLevel.COUNTY, false, null)).await();
    }

    @org.junit.jupiter.api.BeforeEach
    void monday() {
        clock.set(MONDAY);
    }

    @AfterAll
    void stop() throws Exception {
        db.close();
        vertx.close().await();
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.await();
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new RuntimeException(e);
        }
    }

    private Matter accepted(Urgency urgency) {
        MatterInput in = new MatterInput(MatterChannel.PHONE, MatterCategory.HELP, "路灯不亮", "小区路灯坏了", "奎文区",
                "东风街", "奎文区东风街1号", true, "张三", "1380000" + String.format("%04d", seq.incrementAndGet()), false,
                urgency);
        Matter d = await(module.matters().createDraft(in, agent));
        return await(module.matters().accept(d.id(), d.version(), null, agent));
    }

    private static LocalDate day(Matter m) {
        return m.deadlineAt().atZone(WorkingDayCalendar.ZONE).toLocalDate();
    }

    @Test
    void urgentMattersGetFewerWorkingDays() {
        Matter normal = accepted(Urgency.NORMAL);
        Matter urgent = accepted(Urgency.URGENT);
        Matter veryUrgent = accepted(Urgency.VERY_URGENT);
        assertThat(normal.workingDays()).isEqualTo(5);
        assertThat(urgent.workingDays()).isEqualTo(2);
        assertThat(veryUrgent.workingDays()).isEqualTo(1);
        // accepted Monday: 5 working days end Monday next week, 2 on Wednesday, 1 on Tuesday
        assertThat(day(normal)).isEqualTo(LocalDate.parse("2026-03-09"));
        assertThat(day(urgent)).isEqualTo(LocalDate.parse("2026-03-04"));
        assertThat(day(veryUrgent)).isEqualTo(LocalDate.parse("2026-03-03"));
    }

    @Test
    void raisingTheUrgencyOfAnAcceptedMatterShortensItsDeadline() {
        Matter m = accepted(Urgency.NORMAL);
        Matter edited = await(module.matters().update(m.id(), m.version(), new MatterInput(null, null, null, null, null,
                null, null, null, null, null, null, Urgency.URGENT), agent));
        assertThat(edited.workingDays()).isEqualTo(2);
        assertThat(edited.deadlineAt()).isBefore(m.deadlineAt());
        assertThat(await(module.matters().history(m.id()))).extracting(Transition::reason)
                .anySatisfy(r -> assertThat(r).contains("urgency normal -> urgent"));
    }

    @Test
    void aReopenedMatterStartsItsTimeAgainAndTheRevisitNoteIsInTheHistory() {
        Matter m = accepted(Urgency.NORMAL);
        m = await(module.matters().dispatch(m.id(), null, new DispatchOrder("dl-housing", List.of(), false, null), agent));
        await(module.unitMatters().signFor("dl-housing", m.id()));
        await(module.unitMatters().reply("dl-housing", m.id(), "已修复"));
        java.time.Instant first = m.deadlineAt();
        clock.advance(Duration.ofDays(9));
        Matter reopened = await(module.revisits().recordRevisit(new RevisitOutcome(m.id(), RevisitMethod.AGENT, false,
                Satisfaction.DISSATISFIED, "路灯又坏了，群众不满意"), agent));
        assertThat(reopened.status()).isEqualTo(MatterStatus.REOPENED);
        assertThat(reopened.deadlineAt()).isAfter(first).isAfter(clock.instant());
        assertThat(await(module.matters().history(m.id()))).extracting(Transition::reason)
                .anySatisfy(r -> assertThat(r).contains("路灯又坏了，群众不满意"));
        // re-dispatched with a statutory limit: counted from now, not from the first acceptance
        clock.advance(Duration.ofHours(1));
        Matter again = await(module.matters().dispatch(reopened.id(), null,
                new DispatchOrder("dl-housing", List.of(), false, 3), agent));
        assertThat(again.deadlineAt()).isAfter(clock.instant().plus(Duration.ofDays(2)));
    }

    @Test
    void theStaffsUnitListHoldsActiveUnitsWithTheirNumbers() {
        assertThat(await(module.parties().activeUnits())).extracting(HandlingUnit::id)
                .contains("dl-housing").doesNotContain("dl-closed");
        assertThat(await(module.parties().activeUnit("dl-housing"))).get()
                .satisfies(u -> assertThat(u.phone()).isEqualTo("05368881234"));
        assertThat(await(module.parties().activeUnit("dl-closed"))).isEmpty();
        assertThatThrownBy(() -> await(module.parties().saveUnit(new HandlingUnit("dl-bad", "坏号码", UnitLevel.CITY, true,
                "0536-888\r\n")))).isInstanceOfSatisfying(MatterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Refusal.Kind.INVALID);
                    assertThat(e.field()).isEqualTo("phone");
                });
    }
}
