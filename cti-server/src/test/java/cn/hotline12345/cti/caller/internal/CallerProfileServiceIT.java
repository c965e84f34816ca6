package cn.hotline12345.cti.caller.internal;


import cn.hotline12345.cti.caller.internal.CallerFixture;
import cn.hotline12345.cti.caller.api.CallEnd;
import cn.hotline12345.cti.caller.api.CallerException;
import cn.hotline12345.cti.caller.api.CallerFlagEntry;
import cn.hotline12345.cti.caller.api.CallerProfile;
import cn.hotline12345.cti.caller.api.FlagKind;
import cn.hotline12345.cti.caller.api.IvrDirective;
import cn.hotline12345.cti.caller.api.MatterMerge;
import cn.hotline12345.cti.caller.api.MatterSummary;
import cn.hotline12345.cti.caller.api.Measure;
import cn.hotline12345.cti.caller.api.MeasureLevel;
import cn.hotline12345.cti.caller.api.CallerSettings;
import cn.hotline12345.cti.call.api.CallKey;
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
import static cn.hotline12345.cti.caller.internal.CallerFixture.SUPERVISOR;
import static cn.hotline12345.cti.caller.internal.CallerFixture.await;
import static cn.hotline12345.cti.caller.internal.CallerFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CallerProfileServiceIT {

    private final TestDatabase database;
    private CallerFixture f;

    CallerProfileServiceIT(TestDatabase database) {
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

    /** Every test uses its own numbers: the database is shared by the class. */
    private static String mobile(int n) {
        return String.format("139%08d", n);
    }

    @Test
    void aThousandCallsFromOneNumber() {
        String raw = "+86 " + mobile(1000);
        String norm = mobile(1000);
        Instant start = f.clock.instant().minus(Duration.ofHours(20));
        for (int i = 0; i < 1000; i++) {
            Instant at = start.plusSeconds(i * 60L);
            String linkedid = f.nextLinkedid();
            f.insertCall(raw, norm, linkedid, at, at.plusSeconds(5), at.plusSeconds(30), null);
            await(f.module.profiles().callStarted(new CallKey("pbx1", linkedid), raw, at));
            if (i == 0) {
                // a replayed start changes nothing
                await(f.module.profiles().callStarted(new CallKey("pbx1", linkedid), raw, at));
            }
        }
        f.clock.set(start.plusSeconds(1000 * 60L));
        CallerProfile p = await(f.module.profiles().profile(mobile(1000)));
        assertThat(p.known()).isTrue();
        assertThat(p.totalCalls()).isEqualTo(1000);
        assertThat(p.callsLast24h()).isEqualTo(1000);
        assertThat(p.callsLast7d()).isEqualTo(1000);
        assertThat(p.recentCalls()).hasSize(CallerProfileService.RECENT_CALLS);
        assertThat(p.recentCalls().get(0).startedAt()).isEqualTo(start.plusSeconds(999 * 60L));
        assertThat(p.firstSeenAt()).isEqualTo(start);
        assertThat(p.lastContactAt()).isEqualTo(start.plusSeconds(999 * 60L));
        assertThat(p.repeat().repeat()).isTrue();
        assertThat(p.repeat().reasons()).contains("第1000次来电（24小时内）", "第1000次来电（7天内）");
        assertThat(p.ivr().callerFlags()).contains("repeat");

        // the end of the last call runs the signals: 1000 calls without a matter propose a warning
        List<Measure> proposed = await(f.module.nuisance().callEnded(new CallEnd(new CallKey("pbx1", "x"), raw, null,
                f.clock.instant(), null, f.clock.instant(), null, false)));
        assertThat(proposed).extracting(Measure::level).containsExactly(MeasureLevel.WARNING);
        Measure m = proposed.get(0);
        assertThat(m.decidedBy()).isEqualTo("system:frequency");
        assertThat(m.confirmedAt()).isNull();
        assertThat(m.evidence()).hasSize(NuisanceService.MAX_EVIDENCE);
        assertThat(m.reason()).contains("1000 calls");
        // the next call does not propose the same again
        assertThat(await(f.module.nuisance().callEnded(new CallEnd(new CallKey("pbx1", "y"), raw, null,
                f.clock.instant(), null, f.clock.instant(), null, false)))).isEmpty();
        CallerProfile after = await(f.module.profiles().profile(raw));
        assertThat(after.ivr().warningPrompt()).isTrue();
        assertThat(after.ivr().emergencyNotice()).isTrue();
        assertThat(after.ivr().reachAgent()).isTrue();
        assertThat(after.recentFlags()).extracting(CallerFlagEntry::kind).contains(FlagKind.FREQUENCY);
    }

    @Test
    void theCurrentCallCountsOnceWhetherOrNotItIsWrittenYet() {
        String norm = mobile(2);
        Instant now = f.clock.instant();
        f.insertCall(norm, norm, f.nextLinkedid(), now.minus(Duration.ofDays(3)), null, null, null);
        CallKey current = new CallKey("pbx1", f.nextLinkedid());
        CallerProfile before = await(f.module.profiles().profileForCall(norm, current));
        assertThat(before.callsLast7d()).isEqualTo(2);
        assertThat(before.callsLast24h()).isEqualTo(1);
        // 2 in 7 days is below the 3-in-7-days rule, 1 in 24 hours below the 2-in-24-hours rule
        assertThat(before.repeat().repeat()).isFalse();
        assertThat(before.repeat().reasons()).isEmpty();
        // once the tracker has written the current call, it is not counted twice
        f.insertCall(norm, norm, current.linkedid(), now, null, null, null);
        f.module.profiles().invalidate(norm);
        CallerProfile written = await(f.module.profiles().profileForCall(norm, current));
        assertThat(written.callsLast7d()).isEqualTo(2);
        assertThat(written.callsLast24h()).isEqualTo(1);
        // a second call today makes it a repeat
        f.insertCall(norm, norm, f.nextLinkedid(), now.minus(Duration.ofHours(2)), null, null, null);
        f.module.profiles().invalidate(norm);
        CallerProfile again = await(f.module.profiles().profileForCall(norm, current));
        assertThat(again.repeat().reasons()).containsExactly("第2次来电（24小时内）", "第3次来电（7天内）");
    }

    @Test
    void repeatRulesCountWindowsAndOpenMatters() {
        String norm = mobile(3);
        Instant now = f.clock.instant();
        f.insertCall(norm, norm, f.nextLinkedid(), now.minus(Duration.ofDays(2)), null, null, null);
        f.insertCall(norm, norm, f.nextLinkedid(), now.minus(Duration.ofHours(30)), null, null, null);
        CallKey current = new CallKey("pbx1", f.nextLinkedid());
        CallerProfile p = await(f.module.profiles().profileForCall(norm, current));
        assertThat(p.repeat().repeat()).isTrue();
        assertThat(p.repeat().reasons()).containsExactly("第3次来电（7天内）");

        long matter = f.insertMatter("WF2026030200001", norm, "dispatched", now.minus(Duration.ofDays(2)),
                Instant.parse("2026-03-09T09:00:00Z"), false, "agent1");
        f.module.profiles().invalidate(norm);
        CallerProfile q = await(f.module.profiles().profileForCall(norm, current));
        assertThat(q.openMatters()).extracting(MatterSummary::matterId).containsExactly(matter);
        assertThat(q.repeat().aboutMatterNumber()).isEqualTo("WF2026030200001");
        assertThat(q.repeat().reasons()).contains("再次来电，涉及在办事项 WF2026030200001（已派单，办理时限 2026-03-09 17:00）");
    }

    @Test
    void aSingleCallWithNothingOpenIsNoRepeat() {
        CallerProfile p = await(f.module.profiles().profileForCall(mobile(4), new CallKey("pbx1", f.nextLinkedid())));
        assertThat(p.known()).isFalse();
        assertThat(p.callsLast24h()).isEqualTo(1);
        assertThat(p.repeat().repeat()).isFalse();
        assertThat(p.ivr()).isEqualTo(IvrDirective.normal());
    }

    @Test
    void withheldCallersNeverShareAProfile() {
        for (String raw : new String[] {"anonymous", "unknown", "", null, "<unknown>", "restricted", "abc"}) {
            await(f.module.profiles().callStarted(new CallKey("pbx1", f.nextLinkedid()), raw, f.clock.instant()));
            CallerProfile p = await(f.module.profiles().profileForCall(raw, new CallKey("pbx1", f.nextLinkedid())));
            assertThat(p.known()).isFalse();
            assertThat(p.totalCalls()).isZero();
            assertThat(p.callsLast24h()).isZero();
            assertThat(p.repeat().repeat()).isFalse();
            assertThat(p.number().profileKey()).isEmpty();
        }
        assertThat(f.queryLong("select count(*) from caller where number_norm in ('', 'anonymous', 'unknown', 'withheld')")).isZero();
        assertThat(f.queryLong("select count(*) from caller_call_seen where number_norm = ''")).isZero();
        // and no measure can be put on "withheld"
        Throwable t = failure(f.module.nuisance().flag("anonymous", FlagKind.THREAT, "threatened", null, AGENT));
        assertThat(t).isInstanceOf(CallerException.class).hasMessageContaining("withheld");
    }

    @Test
    void theCacheServesUntilAWriteForTheNumber() {
        String norm = mobile(6);
        CallerProfile first = await(f.module.profiles().profile(norm));
        assertThat(first.known()).isFalse();
        assertThat(f.module.profiles().cachedProfile(norm, null)).isNotNull();
        // a row written behind the cache's back is not seen until the TTL or a write ...
        f.insertCall(norm, norm, f.nextLinkedid(), f.clock.instant(), null, null, null);
        assertThat(await(f.module.profiles().profile(norm)).callsLast24h()).isZero();
        // ... and the hook's write invalidates it
        await(f.module.profiles().callStarted(new CallKey("pbx1", f.nextLinkedid()), norm, f.clock.instant()));
        assertThat(f.module.profiles().cachedProfile(norm, null)).isNull();
        assertThat(await(f.module.profiles().profile(norm)).callsLast24h()).isEqualTo(1);
    }

    @Test
    void linkMergeAndSplitRepeatedMatters() {
        String norm = mobile(7);
        Instant now = f.clock.instant();
        long first = f.insertMatter("WF-L-1", norm, "dispatched", now.minus(Duration.ofDays(3)), null, false, "agent1");
        long dup = f.insertMatter("WF-L-2", norm, "registered", now.minus(Duration.ofHours(1)), null, false, "agent2");
        long call = f.insertCall(norm, norm, f.nextLinkedid(), now, null, null, null);
        assertThat(await(f.module.links().link(call, first, AGENT))).isTrue();
        assertThat(await(f.module.links().link(call, first, AGENT))).isFalse();
        assertThat(await(f.module.profiles().profile(norm)).openMatters()).hasSize(2);

        List<MatterMerge> merges = await(f.module.links().merge(first, List.of(dup), "same pothole", AGENT));
        assertThat(merges).singleElement().satisfies(m -> assertThat(m.mergedMatterId()).isEqualTo(dup));
        assertThat(await(f.module.profiles().profile(norm)).openMatters()).extracting(MatterSummary::matterId)
                .containsExactly(first);
        assertThat(failure(f.module.links().merge(first, List.of(dup), "again", AGENT)))
                .isInstanceOf(CallerException.class).hasMessageContaining("merged already");
        assertThat(failure(f.module.links().merge(first, List.of(first), "self", AGENT))).isInstanceOf(CallerException.class);

        await(f.module.links().split(merges.get(0).id(), "different street", SUPERVISOR));
        assertThat(await(f.module.profiles().profile(norm)).openMatters()).hasSize(2);
        assertThat(f.queryLong("select count(*) from audit_log where action in ('matter.link','matter.merge','matter.split')"))
                .isEqualTo(3);
        assertThat(failure(f.module.links().link(999_999, first, AGENT))).hasMessageContaining("no call");
    }
}
