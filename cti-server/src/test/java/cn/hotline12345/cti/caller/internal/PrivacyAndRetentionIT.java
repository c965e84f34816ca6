package cn.hotline12345.cti.caller.internal;


import cn.hotline12345.cti.caller.internal.CallerFixture;
import cn.hotline12345.cti.caller.api.CallerSettings;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.privacy.api.AuditEntry;
import cn.hotline12345.cti.privacy.api.AuditQuery;
import cn.hotline12345.cti.privacy.api.PrivacyException;
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
import static cn.hotline12345.cti.caller.internal.CallerFixture.SUPERVISOR_NO_UNMASK;
import static cn.hotline12345.cti.caller.internal.CallerFixture.await;
import static cn.hotline12345.cti.caller.internal.CallerFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class PrivacyAndRetentionIT {

    private final TestDatabase database;
    private CallerFixture f;

    PrivacyAndRetentionIT(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void setUp() {
        f = new CallerFixture(database, CallerSettings.defaults()
                .withRetention(new CallerSettings.Retention(Duration.ofDays(3 * 365), Duration.ofDays(1))));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void unmaskIsAuditedWithWhoWhenWhyAndWhichNumber() {
        String number = "13700137000";
        assertThat(await(f.module.unmasker().unmask(SUPERVISOR, number, "calling back about WF-1", "caller-profile")))
                .isEqualTo(number);
        List<AuditEntry> raw = await(f.db.query(dsl -> new cn.hotline12345.cti.privacy.api.AuditRepository()
                .find(dsl, new AuditQuery("caller:" + number, null, "unmask", null, null, 10))));
        assertThat(raw).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("sup1");
            assertThat(e.reason()).isEqualTo("calling back about WF-1");
            assertThat(e.at()).isEqualTo(f.clock.instant());
            assertThat(e.detail()).containsEntry("purpose", "caller-profile");
        });
        // shown to people, the same entry is masked
        assertThat(await(f.module.auditLog().find(new AuditQuery("caller:" + number, null, null, null, null, 10))))
                .singleElement().satisfies(e -> assertThat(e.subject()).isEqualTo("caller:137****7000"));
    }

    @Test
    void unmaskNeedsTheRightAndAReason() {
        assertThat(failure(f.module.unmasker().unmask(AGENT, "13700137001", "a good reason", "x")))
                .isInstanceOf(PrivacyException.class).hasMessageContaining("no right");
        assertThat(failure(f.module.unmasker().unmask(SUPERVISOR_NO_UNMASK, "13700137001", "a good reason", "x")))
                .isInstanceOf(PrivacyException.class);
        assertThat(failure(f.module.unmasker().unmask(SUPERVISOR, "13700137001", " ok ", "x")))
                .isInstanceOf(PrivacyException.class).hasMessageContaining("reason");
        assertThat(failure(f.module.unmasker().unmask(SUPERVISOR, "13700137001", null, "x"))).isInstanceOf(PrivacyException.class);
        assertThat(f.queryLong("select count(*) from audit_log where subject = 'caller:13700137001'")).isZero();
    }

    @Test
    void purgeAnonymisesOldCallsAndDeletesTheirEvents() {
        Instant now = f.clock.instant();
        Instant old = now.minus(Duration.ofDays(3 * 365 + 1));
        String oldNumber = "13600136000";
        String freshNumber = "13600136001";
        String oldLinkedid = f.nextLinkedid();
        long oldCall = f.insertCall(oldNumber, oldNumber, oldLinkedid, old, old.plusSeconds(5), old.plusSeconds(60), null);
        f.execute("update call set caller_name = '张三', recording_file = '/rec/x.wav', ivr_vars = '{\"n\":\"13600136000\"}' where id = ?", oldCall);
        long freshCall = f.insertCall(freshNumber, freshNumber, f.nextLinkedid(), now.minus(Duration.ofDays(10)), null, null, null);
        f.execute("insert into call_event (pbx_id, linkedid, event_key, kind, at) values ('pbx1', ?, 'k-old', 'Hangup', ?)", oldLinkedid, CallerFixture.ts(old));
        f.execute("insert into call_event (pbx_id, linkedid, event_key, kind, at) values ('pbx1', 'x', 'k-new', 'Hangup', ?)", CallerFixture.ts(now.minusSeconds(10)));
        await(f.module.profiles().callStarted(new CallKey("pbx1", oldLinkedid), oldNumber, old));

        RetentionPurgeJob.PurgeResult r = await(f.module.purge().runOnce());
        assertThat(r.callsAnonymised()).isEqualTo(1);
        assertThat(r.eventsDeleted()).isEqualTo(1);
        assertThat(r.callersForgotten()).isEqualTo(1);
        assertThat(f.queryLong("select count(*) from call where id = ? and caller_number is null and caller_number_norm is null"
                + " and caller_name is null and recording_file is null and ivr_vars = '{}'::jsonb", oldCall)).isEqualTo(1);
        assertThat(f.queryLong("select count(*) from call where id = ? and caller_number = ?", freshCall, freshNumber)).isEqualTo(1);
        assertThat(f.queryLong("select count(*) from call_event where event_key = 'k-old'")).isZero();
        assertThat(f.queryLong("select count(*) from call_event where event_key = 'k-new'")).isEqualTo(1);
        assertThat(f.queryLong("select count(*) from caller where number_norm = ?", oldNumber)).isZero();
        assertThat(f.queryLong("select count(*) from audit_log where action = 'retention.purge'")).isEqualTo(1);
        // a second run finds nothing more
        assertThat(await(f.module.purge().runOnce()).callsAnonymised()).isZero();
    }

    @Test
    void purgeRunsOnItsTimerOffTheEventLoop() {
        f.close();
        f = new CallerFixture(database, CallerSettings.defaults()
                .withRetention(new CallerSettings.Retention(Duration.ofDays(1), Duration.ofMillis(50))));
        Instant old = f.clock.instant().minus(Duration.ofDays(2));
        long call = f.insertCall("13600136009", "13600136009", f.nextLinkedid(), old, null, null, null);
        f.module.start();
        cn.hotline12345.cti.testing.Http.await("purged by the timer", Duration.ofSeconds(10),
                () -> f.queryLong("select count(*) from call where id = ? and caller_number is null", call) == 1);
    }
}
