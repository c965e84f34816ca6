package cn.hotline12345.cti.caller.internal;



import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.caller.api.AppealStatus;
import cn.hotline12345.cti.caller.api.CallEnd;
import cn.hotline12345.cti.caller.api.CallerException;
import cn.hotline12345.cti.caller.api.CallerProfile;
import cn.hotline12345.cti.caller.api.FlagKind;
import cn.hotline12345.cti.caller.api.IvrDirective;
import cn.hotline12345.cti.caller.api.Measure;
import cn.hotline12345.cti.caller.api.MeasureLevel;
import cn.hotline12345.cti.caller.internal.CallerFixture;
import cn.hotline12345.cti.caller.internal.NuisanceService;
import cn.hotline12345.cti.caller.api.CallerSettings;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.privacy.api.AuditEntry;
import cn.hotline12345.cti.privacy.api.AuditQuery;
import cn.hotline12345.cti.privacy.api.Staff;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static cn.hotline12345.cti.caller.internal.CallerFixture.AGENT;
import static cn.hotline12345.cti.caller.internal.CallerFixture.AGENT2;
import static cn.hotline12345.cti.caller.internal.CallerFixture.SUPERVISOR;
import static cn.hotline12345.cti.caller.internal.CallerFixture.await;
import static cn.hotline12345.cti.caller.internal.CallerFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class NuisanceLifecycleIT {

    private final TestDatabase database;
    private CallerFixture f;

    NuisanceLifecycleIT(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void setUp() {
        f = new CallerFixture(database, CallerSettings.defaults());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static String mobile(int n) {
        return String.format("158%08d", n);
    }

    private static CallerException callerFailure(io.vertx.core.Future<?> fut) {
        Throwable t = failure(fut);
        assertThat(t).isInstanceOf(CallerException.class);
        return (CallerException) t;
    }

    @Test
    void theWholeLifecycleWithAnAppeal() {
        String norm = mobile(1);
        Instant t0 = f.clock.instant();
        long call1 = f.insertCall(norm, norm, f.nextLinkedid(), t0.minusSeconds(600), t0.minusSeconds(590), t0.minusSeconds(60), null);

        // 1. an agent flags an insult: the rule proposes a review, not more
        NuisanceService.FlagResult flag = await(f.module.nuisance().flag(norm, FlagKind.INSULT, "abused the agent", call1, AGENT));
        assertThat(flag.proposed()).extracting(Measure::level).containsExactly(MeasureLevel.REVIEW);
        Measure review = flag.proposed().get(0);
        assertThat(review.decidedBy()).isEqualTo("system:agent-flag");
        assertThat(review.evidence()).containsExactly(call1);
        assertThat(await(f.module.nuisance().reviewList(100))).extracting(Measure::id).contains(review.id());
        CallerProfile p1 = await(f.module.profiles().profile(norm));
        assertThat(p1.ivr().warningPrompt()).isFalse();
        assertThat(p1.activeMeasures()).extracting(Measure::level).containsExactly(MeasureLevel.REVIEW);

        // 2. a second flag (threat) by another agent proposes the warning prompt
        f.clock.advance(Duration.ofHours(1));
        long call2 = f.insertCall(norm, norm, f.nextLinkedid(), f.clock.instant().minusSeconds(300), f.clock.instant().minusSeconds(290), f.clock.instant(), null);
        NuisanceService.FlagResult second = await(f.module.nuisance().flag(norm, FlagKind.THREAT, "threatened to come by", call2, AGENT2));
        assertThat(second.proposed()).extracting(Measure::level).containsExactly(MeasureLevel.WARNING);
        assertThat(await(f.module.profiles().profile(norm)).ivr().warningPrompt()).isTrue();

        // 3. agents cannot impose or confirm; the dedicated queue needs a supervisor
        assertThat(callerFailure(f.module.nuisance().impose(norm, MeasureLevel.DEDICATED_QUEUE, "abuse", List.of(call1, call2), null, AGENT)).kind())
                .isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(callerFailure(f.module.nuisance().confirm(review.id(), null, AGENT)).kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThatThrownBy(() -> new CallerSettings.SignalRule(1, Duration.ofDays(1), MeasureLevel.DEDICATED_QUEUE))
                .hasMessageContaining("needs a supervisor");

        // 4. the supervisor confirms the review and puts the caller in the dedicated queue
        Measure confirmed = await(f.module.nuisance().confirm(review.id(), "seen the recording", SUPERVISOR));
        assertThat(confirmed.confirmedBy()).isEqualTo("sup1");
        Measure dq = await(f.module.nuisance().impose(norm, MeasureLevel.DEDICATED_QUEUE, "two flags in a day",
                List.of(call1, call2), null, SUPERVISOR));
        assertThat(dq.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(90)));
        CallerProfile p3 = await(f.module.profiles().profile(norm));
        assertThat(p3.ivr().queueOverride()).isEqualTo("q-special");
        assertThat(p3.ivr().warningPrompt()).isTrue();
        assertThat(p3.ivr().callerFlags()).contains("nuisance-warned");

        // 5. the caller appeals; a second appeal while pending is refused
        Measure appealed = await(f.module.nuisance().fileAppeal(dq.id(), "says it was a misunderstanding", AGENT));
        assertThat(appealed.appealStatus()).isEqualTo(AppealStatus.PENDING);
        assertThat(callerFailure(f.module.nuisance().fileAppeal(dq.id(), "again", AGENT)).kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(await(f.module.nuisance().reviewList(100))).extracting(Measure::id).contains(dq.id());

        // 6. upheld: still in force
        Measure upheld = await(f.module.nuisance().decideAppeal(dq.id(), AppealStatus.UPHELD, "recording confirms threats", SUPERVISOR));
        assertThat(upheld.appealStatus()).isEqualTo(AppealStatus.UPHELD);
        assertThat(upheld.liftedAt()).isNull();
        assertThat(await(f.module.profiles().profile(norm)).ivr().queueOverride()).isEqualTo("q-special");

        // 7. a later appeal is decided "lifted": the measure ends, the IVR goes back to normal for it
        f.clock.advance(Duration.ofDays(10));
        await(f.module.nuisance().fileAppeal(dq.id(), "apologised in writing", SUPERVISOR));
        Measure lifted = await(f.module.nuisance().decideAppeal(dq.id(), AppealStatus.LIFTED, "apology accepted", SUPERVISOR));
        assertThat(lifted.liftedAt()).isNotNull();
        assertThat(lifted.liftedBy()).isEqualTo("sup1");
        assertThat(await(f.module.profiles().profile(norm)).ivr().queueOverride()).isNull();
        assertThat(callerFailure(f.module.nuisance().lift(dq.id(), "again", SUPERVISOR)).kind()).isEqualTo(Refusal.Kind.CONFLICT);

        // 8. the supervisor lifts the warning with a reason
        await(f.module.nuisance().lift(second.proposed().get(0).id(), "calm since", SUPERVISOR));
        assertThat(await(f.module.profiles().profile(norm)).ivr().warningPrompt()).isFalse();

        // 9. every step is in the audit log
        List<AuditEntry> audit = await(f.module.auditLog().find(new AuditQuery("caller:" + norm, null, null, null, null, 100)));
        assertThat(audit).extracting(AuditEntry::action).contains("caller.flag", "measure.propose", "measure.confirm",
                "measure.impose", "measure.appeal", "measure.appeal.upheld", "measure.appeal.lifted", "measure.lift");
        assertThat(audit).allSatisfy(e -> assertThat(e.subject()).isEqualTo("caller:158****0001"));
        assertThat(await(f.module.nuisance().history(norm))).hasSize(3);
    }

    @Test
    void expiredMeasuresStopApplyingByThemselves() {
        String norm = mobile(2);
        await(f.module.nuisance().impose(norm, MeasureLevel.WARNING, "shouting", List.of(), f.clock.instant().plus(Duration.ofDays(2)), SUPERVISOR));
        assertThat(await(f.module.profiles().profile(norm)).ivr().warningPrompt()).isTrue();
        f.clock.advance(Duration.ofDays(2).plusSeconds(1));
        // the cached data still holds the measure, but it is judged at lookup time
        CallerProfile p = await(f.module.profiles().profile(norm));
        assertThat(p.activeMeasures()).isEmpty();
        assertThat(p.ivr().warningPrompt()).isFalse();
        assertThat(await(f.module.nuisance().active(100))).noneMatch(m -> m.numberNorm().equals(norm));
    }

    @Test
    void aFlaggedCallerWithAnEmergencyStillHearsTheNoticeAndReachesAnAgent() {
        String norm = mobile(3);
        await(f.module.nuisance().impose(norm, MeasureLevel.DEDICATED_QUEUE, "repeated threats", List.of(), null, SUPERVISOR));
        await(f.module.nuisance().impose(norm, MeasureLevel.WARNING, "repeated threats", List.of(), null, SUPERVISOR));
        await(f.module.nuisance().flag(norm, FlagKind.THREAT, "threat again", null, AGENT));
        CallerProfile p = await(f.module.profiles().profileForCall(norm, new CallKey("pbx1", f.nextLinkedid())));
        IvrDirective ivr = p.ivr();
        assertThat(ivr.emergencyNotice()).isTrue();
        assertThat(ivr.reachAgent()).isTrue();
        assertThat(ivr.queueOverride()).isEqualTo("q-special"); // a queue answered by people
        assertThat(ivr.priorityDelta()).isLessThanOrEqualTo(0);
        assertThat(ivr.warningPrompt()).isTrue();
        assertThatThrownBy(() -> new IvrDirective(true, null, 0, false, true, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IvrDirective(true, null, 0, true, false, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void silentAndOccupyingCallsProposeMeasures() {
        String norm = mobile(4);
        Instant now = f.clock.instant();
        for (int i = 0; i < 3; i++) {
            String lid = f.nextLinkedid();
            long id = f.insertCall(norm, norm, lid, now.minusSeconds(100 + i), now.minusSeconds(90), now.minusSeconds(80), null);
            List<Measure> m = await(f.module.nuisance().callEnded(new CallEnd(new CallKey("pbx1", lid), norm, id,
                    now.minusSeconds(100), now.minusSeconds(90), now.minusSeconds(80), null, true)));
            assertThat(m).as("after silent call %d", i + 1).hasSize(i == 2 ? 1 : 0);
            if (i == 2) {
                assertThat(m.get(0).level()).isEqualTo(MeasureLevel.OBSERVE);
                assertThat(m.get(0).evidence()).hasSize(3);
            }
        }
        String other = mobile(5);
        List<Measure> last = List.of();
        for (int i = 0; i < 2; i++) {
            String lid = f.nextLinkedid();
            Instant answered = now.minus(Duration.ofMinutes(45));
            last = await(f.module.nuisance().callEnded(new CallEnd(new CallKey("pbx1", lid), other, null,
                    answered, answered, now, null, false)));
        }
        assertThat(last).extracting(Measure::level).containsExactly(MeasureLevel.WARNING);
        assertThat(last.get(0).decidedBy()).isEqualTo("system:occupation");
        // a long call that produced a matter is not occupation
        String third = mobile(6);
        for (int i = 0; i < 3; i++) {
            assertThat(await(f.module.nuisance().callEnded(new CallEnd(new CallKey("pbx1", f.nextLinkedid()), third, null,
                    now.minus(Duration.ofHours(1)), now.minus(Duration.ofHours(1)), now, 42L, false)))).isEmpty();
        }
    }

    @Test
    void badInputIsRefusedWithAReason() {
        String norm = mobile(7);
        assertThat(callerFailure(f.module.nuisance().flag(norm, FlagKind.SILENT, "silent", null, AGENT)).kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(callerFailure(f.module.nuisance().flag(norm, FlagKind.INSULT, "", null, AGENT)).kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(callerFailure(f.module.nuisance().flag(norm, FlagKind.INSULT, "x".repeat(1001), null, AGENT)).kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(callerFailure(f.module.nuisance().flag(norm, FlagKind.INSULT, "insult\u0000", null, AGENT)).kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(callerFailure(f.module.nuisance().flag(norm, FlagKind.INSULT, "bell\u0007 note", null, AGENT)).kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(callerFailure(f.module.nuisance().flag(norm, FlagKind.INSULT, "rude", 987_654_321L, AGENT)).kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(callerFailure(f.module.nuisance().flag(norm, FlagKind.INSULT, "rude", null,
                new Staff("u", cn.hotline12345.cti.privacy.api.StaffRole.UNIT, "u1", false))).kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(callerFailure(f.module.nuisance().impose(norm, MeasureLevel.WARNING, "r", List.of(), null, SUPERVISOR)).kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(callerFailure(f.module.nuisance().impose(norm, MeasureLevel.WARNING, "reason", List.of(), f.clock.instant().minusSeconds(1), SUPERVISOR)).kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(callerFailure(f.module.nuisance().impose(norm, MeasureLevel.WARNING, "reason", List.of(123_456_789L), null, SUPERVISOR)).kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(callerFailure(f.module.nuisance().lift(987_654, "reason", SUPERVISOR)).kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(callerFailure(f.module.nuisance().decideAppeal(987_654, AppealStatus.PENDING, "reason", SUPERVISOR)).kind()).isEqualTo(Refusal.Kind.INVALID);
    }
}
