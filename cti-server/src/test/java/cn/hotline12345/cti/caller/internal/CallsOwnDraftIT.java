package cn.hotline12345.cti.caller.internal;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.caller.api.CallEnd;
import cn.hotline12345.cti.caller.api.CallerProfile;
import cn.hotline12345.cti.caller.api.CallerSettings;
import cn.hotline12345.cti.caller.api.Measure;
import cn.hotline12345.cti.caller.api.MeasureLevel;
import cn.hotline12345.cti.caller.api.MatterSummary;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static cn.hotline12345.cti.caller.internal.CallerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22 item 1: every call that reaches an agent opens its own draft matter. That draft is not an earlier matter
 * of the caller (a first-time caller was popped as a repeat caller "calling again about" their own draft), and a draft
 * is not a matter raised (the frequency rule never fired for a number that called 300 times, every call's draft
 * counting as a new matter).
 */
@ExtendWith(PostgresExtension.class)
class CallsOwnDraftIT {

    private final TestDatabase database;
    private CallerFixture f;

    CallsOwnDraftIT(TestDatabase database) {
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
        return String.format("159%08d", n);
    }

    /** A matter opened by call {@code linkedid}, as DraftOnRing writes it. */
    private long matterOfCall(String norm, String linkedid, String status, Instant created) {
        String number = "WF" + linkedid.replace(".", "");
        return f.queryLong("insert into matter (number, channel, category, contact_number, contact_number_norm, status,"
                        + " created_at, origin_pbx_id, origin_linkedid) values (?, 'phone', 'consultation', ?, ?, ?, ?, 'pbx1', ?)"
                        + " returning id", number, norm, norm, status, java.sql.Timestamp.from(created), linkedid);
    }

    @Test
    void aFirstTimeCallersOwnDraftIsNeitherAnEarlierMatterNorARepeat() {
        String norm = mobile(1);
        Instant now = f.clock.instant();
        String lid = f.nextLinkedid();
        f.insertCall(norm, norm, lid, now.minusSeconds(20), null, null, null);
        long own = matterOfCall(norm, lid, "draft", now.minusSeconds(5));
        CallerProfile p = await(f.module.profiles().profileForCall(norm, new CallKey("pbx1", lid)));
        assertThat(p.repeat().repeat()).as(p.repeat().reasons().toString()).isFalse();
        assertThat(p.openMatters()).extracting(MatterSummary::matterId).doesNotContain(own);
        // seen from outside a call (the caller API) the draft is one of the number's open matters
        assertThat(await(f.module.profiles().profile(norm)).openMatters()).extracting(MatterSummary::matterId)
                .contains(own);
    }

    @Test
    void anEarlierCallsDraftIsNoRepeatButAnAcceptedMatterIs() {
        String norm = mobile(2);
        Instant now = f.clock.instant();
        String first = f.nextLinkedid();
        f.insertCall(norm, norm, first, now.minus(Duration.ofDays(3)), null, null, null);
        matterOfCall(norm, first, "draft", now.minus(Duration.ofDays(3)));
        String current = f.nextLinkedid();
        CallerProfile p = await(f.module.profiles().profileForCall(norm, new CallKey("pbx1", current)));
        assertThat(p.repeat().reasons()).noneMatch(r -> r.contains("在办事项"));
        assertThat(p.repeat().aboutMatterNumber()).isNull();

        f.execute("update matter set status = 'accepted' where origin_linkedid = ?", first);
        f.module.profiles().invalidate(norm);
        CallerProfile q = await(f.module.profiles().profileForCall(norm, new CallKey("pbx1", current)));
        assertThat(q.repeat().repeat()).isTrue();
        assertThat(q.repeat().reasons()).anySatisfy(r -> assertThat(r).startsWith("再次来电，涉及在办事项 ")
                .contains("（已受理）"));
        // the agent reads Chinese only
        q.repeat().reasons().forEach(r -> assertThat(r).doesNotContainPattern("[A-Za-z]{3,}"));
    }

    @Test
    void callsWhoseMattersAreOnlyDraftsCountForTheFrequencyRule() {
        String norm = mobile(3);
        Instant now = f.clock.instant();
        List<Measure> proposed = List.of();
        int threshold = CallerSettings.defaults().nuisance().frequency().threshold();
        for (int i = 0; i < threshold; i++) {
            String lid = f.nextLinkedid();
            Instant at = now.minus(Duration.ofMinutes(60 - i));
            long call = f.insertCall(norm, norm, lid, at, at.plusSeconds(5), at.plusSeconds(20), null);
            matterOfCall(norm, lid, "draft", at.plusSeconds(5));
            proposed = await(f.module.nuisance().callEnded(new CallEnd(new CallKey("pbx1", lid), norm, call, at,
                    at.plusSeconds(5), at.plusSeconds(20), null, false)));
            assertThat(proposed).as("after call %d", i + 1).hasSize(i == threshold - 1 ? 1 : 0);
        }
        assertThat(proposed.get(0).level()).isEqualTo(MeasureLevel.WARNING);
        assertThat(proposed.get(0).decidedBy()).isEqualTo("system:frequency");
        assertThat(proposed.get(0).evidence()).hasSize(threshold);
    }

    @Test
    void aMatterTheHotlineTookStopsTheFrequencyRule() {
        String norm = mobile(4);
        Instant now = f.clock.instant();
        int threshold = CallerSettings.defaults().nuisance().frequency().threshold();
        List<Measure> proposed = List.of();
        for (int i = 0; i < threshold + 2; i++) {
            String lid = f.nextLinkedid();
            Instant at = now.minus(Duration.ofMinutes(60 - i));
            long call = f.insertCall(norm, norm, lid, at, at.plusSeconds(5), at.plusSeconds(20), null);
            matterOfCall(norm, lid, i == 0 ? "accepted" : "draft", at.plusSeconds(5));
            proposed = await(f.module.nuisance().callEnded(new CallEnd(new CallKey("pbx1", lid), norm, call, at,
                    at.plusSeconds(5), at.plusSeconds(20), null, false)));
            assertThat(proposed).as("after call %d", i + 1).isEmpty();
        }
    }
}
