package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.matter.api.Actor;
import cn.hotline12345.cti.matter.api.CallerStatus;
import cn.hotline12345.cti.matter.api.DispatchOrder;
import cn.hotline12345.cti.matter.api.DraftFromCall;
import cn.hotline12345.cti.matter.api.HandlingUnit;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.matter.api.MatterChannel;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterInput;
import cn.hotline12345.cti.matter.api.MatterRequest;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.MatterSummary;
import cn.hotline12345.cti.matter.api.MatterUnit;
import cn.hotline12345.cti.matter.api.NotAcceptedReason;
import cn.hotline12345.cti.matter.api.RevisitMethod;
import cn.hotline12345.cti.matter.api.RevisitOutcome;
import cn.hotline12345.cti.matter.api.RevisitTask;
import cn.hotline12345.cti.matter.api.Satisfaction;
import cn.hotline12345.cti.matter.api.SupervisionItem;
import cn.hotline12345.cti.matter.api.SupervisionReason;
import cn.hotline12345.cti.matter.api.SurveyRecord;
import cn.hotline12345.cti.matter.api.Transition;
import cn.hotline12345.cti.matter.api.UnitLevel;
import cn.hotline12345.cti.matter.api.UnitRole;
import cn.hotline12345.cti.matter.api.Urgency;
import cn.hotline12345.cti.testing.MutableClock;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The services over a real PostgreSQL: lifecycle paths, idempotence, concurrency, revisit, status lookup. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatterServiceIT {

    private final AtomicInteger seq = new AtomicInteger();
    private Vertx vertx;
    private Db db;
    private MutableClock clock;
    private MatterModule module;
    private final Actor agent = Actor.agent("agent1");
    private final Actor sup = Actor.supervisor("sup1");

    @BeforeAll
    void start(TestDatabase database) throws Exception {
        vertx = Vertx.vertx();
        db = new Db(vertx, database.dataSource(), 4);
        // Friday 2026-02-13 10:00 in Shanghai: the Spring Festival arrangement decides the deadline
        clock = new MutableClock(LocalDate.parse("2026-02-13").atTime(10, 0).atZone(WorkingDayCalendar.ZONE).toInstant());
        module = new MatterModule(db, clock, DeadlinePolicy.standard(), 1);
        module.parties().saveUnit(new HandlingUnit("city-housing", "市住房和城乡建设局", UnitLevel.CITY, true)).await();
        module.parties().saveUnit(new HandlingUnit("kuiwen", "奎文区人民政府", UnitLevel.COUNTY, true)).await();
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

    private MatterInput complete(String number) {
        return new MatterInput(MatterChannel.PHONE, MatterCategory.COMPLAINT, "小区噪音", "夜间施工噪音扰民", "奎文区",
                "某小区", "奎文区东风街1号", true, "张三", number, false, Urgency.NORMAL);
    }

    private Matter accepted() {
        Matter d = await(module.matters().createDraft(complete("1380000" + String.format("%04d", seq.incrementAndGet())), agent));
        return await(module.matters().accept(d.id(), d.version(), null, agent));
    }

    @Test
    void everyMatterWrittenTellsItsContactNumberAfterTheCommit() {
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        module.onContactWritten(told::add);
        String number = "1390000" + String.format("%04d", seq.incrementAndGet());
        Matter d = await(module.matters().createDraft(complete(number), agent));
        assertThat(told).containsExactly(number);
        await(module.matters().accept(d.id(), d.version(), null, agent));
        assertThat(told).containsExactly(number, number);
        // a refused change (stale version) commits nothing and tells nothing
        assertThatThrownBy(() -> await(module.matters().accept(d.id(), d.version(), null, agent)))
                .isInstanceOf(MatterException.class);
        assertThat(told).hasSize(2);
    }

    @Test
    void draftFromACallIsIdempotentPerCallAndNumbered() {
        DraftFromCall d = new DraftFromCall(new CallKey("pbx1", "1771000000.1"), null, "+8613800138000", null, "李四",
                "menu>4", "4", "PJSIP/1001", clock.instant());
        Matter first = await(module.matters().openDraftFromCall(d));
        Matter second = await(module.matters().openDraftFromCall(d));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(first.number()).matches("WF20260213\\d{5}");
        assertThat(first.status()).isEqualTo(MatterStatus.DRAFT);
        assertThat(first.category()).isEqualTo(MatterCategory.COMPLAINT);
        assertThat(first.contactNumberNorm()).isEqualTo("13800138000");
        assertThat(first.ivrPath()).isEqualTo("menu>4");
        assertThat(await(module.matters().forCall(new CallKey("pbx1", "1771000000.1")))).isPresent();
        assertThat(await(module.matters().openMattersFor("13800138000"))).extracting(MatterSummary::id).contains(first.id());
    }

    @Test
    void concurrentDraftsForOneCallGiveOneMatter() {
        DraftFromCall d = new DraftFromCall(new CallKey("pbx1", "1771000000.99"), null, "13900000000", null, null,
                null, null, "PJSIP/1002", clock.instant());
        List<Future<Matter>> all = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> module.matters().openDraftFromCall(d)).toList();
        await(Future.all(all));
        assertThat(all.stream().map(f -> f.result().id()).distinct()).hasSize(1);
    }

    @Test
    void concurrentDraftsForOneCallTakeOneNumberOnly() {
        DraftFromCall d = new DraftFromCall(new CallKey("pbx1", "1771000000.98"), null, "13900000001", null, null,
                null, null, "PJSIP/1003", clock.instant());
        List<Future<Matter>> all = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> module.matters().openDraftFromCall(d)).toList();
        await(Future.all(all));
        Matter next = await(module.matters().openDraftFromCall(new DraftFromCall(new CallKey("pbx1", "1771000000.97"),
                null, "13900000002", null, null, null, null, "PJSIP/1004", clock.instant())));
        long first = Long.parseLong(all.get(0).result().number().substring(10));
        // the losers of the race wait for the winner's draft instead of burning numbers of the day's counter
        assertThat(Long.parseLong(next.number().substring(10))).isEqualTo(first + 1);
    }

    @Test
    void numbersAreUniqueUnderConcurrentIntake() {
        List<Future<Matter>> all = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> module.matters().createDraft(complete("13700000000"), agent)).toList();
        await(Future.all(all));
        assertThat(all.stream().map(f -> f.result().number()).distinct()).hasSize(8);
    }

    @Test
    void acceptStartsTheDeadlineAcrossSpringFestival() {
        Matter m = accepted();
        assertThat(m.status()).isEqualTo(MatterStatus.ACCEPTED);
        assertThat(m.deadlineAt()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.parse("2026-02-27")));
    }

    @Test
    void acceptNeedsContactAndAddress() {
        Matter noContact = await(module.matters().createDraft(new MatterInput(null, MatterCategory.HELP, "求助", "内容",
                null, null, null, null, null, null, null, null), agent));
        assertThatThrownBy(() -> await(module.matters().accept(noContact.id(), null, null, agent)))
                .isInstanceOfSatisfying(MatterException.class, e -> assertThat(e.field()).isEqualTo("contactName"));
        Matter noAddress = await(module.matters().createDraft(new MatterInput(null, MatterCategory.HELP, "求助", "内容",
                null, "某路口", null, true, "王五", "13600000000", null, null), agent));
        assertThatThrownBy(() -> await(module.matters().accept(noAddress.id(), null, null, agent)))
                .isInstanceOfSatisfying(MatterException.class, e -> assertThat(e.field()).isEqualTo("address"));
    }

    @Test
    void twoEditsWithTheSameVersionExactlyOneWins() {
        Matter m = accepted();
        MatterInput a = new MatterInput(null, null, "A", null, null, null, null, null, null, null, null, null);
        MatterInput b = new MatterInput(null, null, "B", null, null, null, null, null, null, null, null, null);
        Future<Matter> fa = module.matters().update(m.id(), m.version(), a, agent);
        Future<Matter> fb = module.matters().update(m.id(), m.version(), b, sup);
        await(Future.join(fa, fb).otherwiseEmpty());
        assertThat(List.of(fa, fb)).filteredOn(Future::succeeded).hasSize(1);
        Future<Matter> loser = fa.failed() ? fa : fb;
        assertThat(((MatterException) loser.cause()).kind()).isEqualTo(Refusal.Kind.CONFLICT);
        Matter now = await(module.matters().get(m.id()));
        assertThat(now.version()).isEqualTo(m.version() + 1);
        assertThat(now.subject()).isEqualTo(fa.succeeded() ? "A" : "B");
    }

    @Test
    void fullPathToClosedWithRevisitAndHistory() {
        Matter m = accepted();
        m = await(module.matters().dispatch(m.id(), m.version(), new DispatchOrder("kuiwen", List.of("city-housing"),
                false, null), agent));
        // art. 24: the city department leads over the county government
        assertThat(m.leadUnitId()).isEqualTo("city-housing");
        assertThat(m.units()).extracting(MatterUnit::unitId, MatterUnit::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("city-housing", UnitRole.LEAD),
                        org.assertj.core.groups.Tuple.tuple("kuiwen", UnitRole.CO));
        UnitMatterService units = module.unitMatters();
        long id = m.id();
        assertThatThrownBy(() -> await(units.signFor("kuiwen", id))).isInstanceOfSatisfying(MatterException.class,
                e -> assertThat(e.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        await(units.signFor("city-housing", id));
        await(units.start("city-housing", id));
        await(units.reply("city-housing", id, "已责令施工单位夜间停工"));
        List<RevisitTask> due = await(module.revisits().dueRevisits(100));
        assertThat(due).extracting(RevisitTask::matterId).contains(id);
        Matter closed = await(module.revisits().recordRevisit(new RevisitOutcome(id, RevisitMethod.IVR, true,
                Satisfaction.SATISFIED, null), Actor.system("ivr")));
        assertThat(closed.status()).isEqualTo(MatterStatus.CLOSED);
        assertThat(closed.satisfaction()).isEqualTo(Satisfaction.SATISFIED);
        assertThat(await(module.matters().history(id))).extracting(Transition::to).containsExactly(
                MatterStatus.DRAFT, MatterStatus.ACCEPTED, MatterStatus.DISPATCHED, MatterStatus.SIGNED_FOR,
                MatterStatus.IN_PROGRESS, MatterStatus.REPLIED, MatterStatus.REVISITED, MatterStatus.CLOSED);
        assertThat(await(module.revisits().dueRevisits(100))).extracting(RevisitTask::matterId).doesNotContain(id);
    }

    @Test
    void dissatisfiedRevisitReopensAndAppearsOnSupervision() {
        Matter m = accepted();
        m = await(module.matters().dispatch(m.id(), null, new DispatchOrder("kuiwen", List.of(), false, null), agent));
        await(module.unitMatters().signFor("kuiwen", m.id()));
        await(module.unitMatters().reply("kuiwen", m.id(), "已处理"));
        Matter reopened = await(module.revisits().recordRevisit(new RevisitOutcome(m.id(), RevisitMethod.AGENT, false,
                Satisfaction.DISSATISFIED, "问题仍在"), agent));
        assertThat(reopened.status()).isEqualTo(MatterStatus.REOPENED);
        assertThat(reopened.reopenCount()).isEqualTo(1);
        List<SupervisionItem> list = await(module.reviews().supervisionList(500));
        assertThat(list).filteredOn(i -> i.matterId() == reopened.id()).singleElement()
                .satisfies(i -> assertThat(i.reasons()).contains(SupervisionReason.REOPENED, SupervisionReason.DISSATISFIED));
        // re-dispatch is legal from reopened
        Matter again = await(module.matters().dispatch(reopened.id(), null,
                new DispatchOrder("city-housing", List.of(), true, null), sup));
        assertThat(again.status()).isEqualTo(MatterStatus.DISPATCHED);
    }

    @Test
    void returnIsRefusedOnceAssignedAndAllowedOtherwise() {
        Matter m = accepted();
        m = await(module.matters().dispatch(m.id(), null, new DispatchOrder("kuiwen", List.of(), true, null), agent));
        long id = m.id();
        assertThatThrownBy(() -> await(module.unitMatters().returnMatter("kuiwen", id, "不属于本单位职责")))
                .isInstanceOfSatisfying(MatterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Refusal.Kind.ILLEGAL_TRANSITION);
                    assertThat(e.getMessage()).contains("from dispatched to returned");
                });
        Matter other = accepted();
        other = await(module.matters().dispatch(other.id(), null, new DispatchOrder("kuiwen", List.of(), false, null), agent));
        Matter returned = await(module.unitMatters().returnMatter("kuiwen", other.id(), "不属于本单位职责"));
        assertThat(returned.status()).isEqualTo(MatterStatus.RETURNED);
        long oid = other.id();
        assertThat(await(module.reviews().supervisionList(500))).filteredOn(i -> i.matterId() == oid).singleElement()
                .satisfies(i -> assertThat(i.reasons()).contains(SupervisionReason.RETURNED));
    }

    @Test
    void extensionApprovedMovesTheDeadlineAndTerminationIsReviewed() {
        Matter m = accepted();
        m = await(module.matters().dispatch(m.id(), null, new DispatchOrder("kuiwen", List.of(), false, null), agent));
        await(module.unitMatters().signFor("kuiwen", m.id()));
        await(module.unitMatters().requestExtension("kuiwen", m.id(), "需要协调多个部门", 3, null));
        long id = m.id();
        assertThatThrownBy(() -> await(module.unitMatters().requestExtension("kuiwen", id, "again", 3, null)))
                .isInstanceOfSatisfying(MatterException.class, e -> assertThat(e.kind()).isEqualTo(Refusal.Kind.CONFLICT));
        MatterRequest req = await(module.matters().requests(id)).get(0);
        // deadline Fri 02-27 + 3 working days: Sat 02-28 (make-up day), Mon 03-02, Tue 03-03
        assertThat(req.requestedDeadline()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.parse("2026-03-03")));
        Matter extended = await(module.reviews().decide(req.id(), true, "同意", null, sup));
        assertThat(extended.deadlineAt()).isEqualTo(req.requestedDeadline());
        assertThatThrownBy(() -> await(module.reviews().decide(req.id(), true, null, null, sup)))
                .isInstanceOfSatisfying(MatterException.class, e -> assertThat(e.kind()).isEqualTo(Refusal.Kind.CONFLICT));

        Matter t = await(module.unitMatters().requestTermination("kuiwen", id, "服务对象拒不配合"));
        assertThat(t.status()).isEqualTo(MatterStatus.TERMINATION_REQUESTED);
        MatterRequest term = await(module.reviews().pendingRequests(100)).stream().filter(r -> r.matterId() == id)
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> await(module.reviews().decide(term.id(), true, null, null, agent)))
                .isInstanceOfSatisfying(MatterException.class, e -> assertThat(e.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        Matter refused = await(module.reviews().decide(term.id(), false, "继续办理", null, sup));
        assertThat(refused.status()).isEqualTo(MatterStatus.IN_PROGRESS);
        await(module.unitMatters().requestTermination("kuiwen", id, "服务对象拒不配合"));
        MatterRequest term2 = await(module.reviews().pendingRequests(100)).stream().filter(r -> r.matterId() == id)
                .findFirst().orElseThrow();
        assertThat(await(module.reviews().decide(term2.id(), true, "同意终止", null, sup)).status())
                .isEqualTo(MatterStatus.TERMINATED);
    }

    @Test
    void notAcceptedTellsTheProperChannelAndAnsweredOnSpotCloses() {
        Matter d = await(module.matters().createDraft(complete("13500000000"), agent));
        Matter n = await(module.matters().notAccept(d.id(), null, NotAcceptedReason.LITIGATION, null, null, agent));
        assertThat(n.status()).isEqualTo(MatterStatus.NOT_ACCEPTED);
        assertThat(n.properChannel()).isEqualTo(NotAcceptedReason.LITIGATION.properChannel());
        assertThat(n.closedAt()).isNotNull();
        Matter d2 = await(module.matters().createDraft(complete("13500000001"), agent));
        Matter a = await(module.matters().answerOnSpot(d2.id(), null, "社保卡可在市民中心补办", agent));
        assertThat(a.status()).isEqualTo(MatterStatus.ANSWERED_ON_SPOT);
        assertThatThrownBy(() -> await(module.matters().dispatch(a.id(), null,
                new DispatchOrder("kuiwen", List.of(), false, null), agent)))
                .isInstanceOfSatisfying(MatterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Refusal.Kind.ILLEGAL_TRANSITION);
                    assertThat(e.getMessage()).contains("from answered_on_spot to dispatched");
                });
    }

    @Test
    void escalationAndOverdueSupervision() {
        Matter m = accepted();
        m = await(module.matters().dispatch(m.id(), null, new DispatchOrder("kuiwen", List.of(), false, null), agent));
        long id = m.id();
        Instant saved = clock.instant();
        try {
            clock.set(WorkingDayCalendar.endOfDay(LocalDate.parse("2026-02-27")).minusSeconds(3600));
            assertThat(await(module.reviews().supervisionList(500))).filteredOn(i -> i.matterId() == id).singleElement()
                    .satisfies(i -> assertThat(i.reasons()).containsExactly(SupervisionReason.DUE_SOON));
            clock.set(WorkingDayCalendar.endOfDay(LocalDate.parse("2026-02-27")).plusSeconds(60));
            assertThat(await(module.reviews().supervisionList(500))).filteredOn(i -> i.matterId() == id).singleElement()
                    .satisfies(i -> assertThat(i.reasons()).contains(SupervisionReason.OVERDUE));
            assertThatThrownBy(() -> await(module.matters().escalate(id, null, "久拖不决", agent)))
                    .isInstanceOfSatisfying(MatterException.class, e -> assertThat(e.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
            Matter esc = await(module.matters().escalate(id, null, "久拖不决", sup));
            assertThat(esc.status()).isEqualTo(MatterStatus.ESCALATED);
            assertThat(esc.escalated()).isTrue();
        } finally {
            clock.set(saved);
        }
    }

    @Test
    void statusForCallerHonoursConfidentiality() {
        MatterInput in = new MatterInput(MatterChannel.PHONE, MatterCategory.REPORT, "举报", "举报某企业偷排", null, null,
                null, false, "赵六", "13312345678", true, null);
        Matter d = await(module.matters().createDraft(in, agent));
        Matter m = await(module.matters().accept(d.id(), null, null, agent));
        CallerStatus own = await(module.matters().statusForCaller(m.number(), "13312345678"));
        assertThat(own.outcome()).isEqualTo(CallerStatus.Outcome.FOUND);
        assertThat(own.matters().get(0).deadlineAt()).isEqualTo(m.deadlineAt());
        assertThat(await(module.matters().statusForCaller(m.number(), "13900001111")).outcome())
                .isEqualTo(CallerStatus.Outcome.CONFIDENTIAL_DENIED);
        assertThat(await(module.matters().statusForCaller("WF2099010100001", "13312345678")).outcome())
                .isEqualTo(CallerStatus.Outcome.NOT_FOUND);
        CallerStatus latest = await(module.matters().statusForCaller(null, "13312345678"));
        assertThat(latest.matters()).extracting(CallerStatus.Item::number).containsExactly(m.number());
    }

    @Test
    void surveyIsStoredOncePerCall() {
        SurveyRecord s = new SurveyRecord(new CallKey("pbx1", "1771000001.5"), null, Satisfaction.BASICALLY_SATISFIED,
                "PJSIP/1001", null);
        assertThat(await(module.revisits().recordSurvey(s))).isTrue();
        assertThat(await(module.revisits().recordSurvey(s))).isFalse();
        assertThatThrownBy(() -> await(module.revisits().recordSurvey(new SurveyRecord(new CallKey("p", "l"), null,
                null, null, null)))).isInstanceOfSatisfying(MatterException.class,
                e -> assertThat(e.field()).isEqualTo("rating"));
    }
}
