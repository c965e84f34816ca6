package cn.hotline12345.cti.matter.internal;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.matter.api.Matter;
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
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: the call's draft is opened in one place. The ring listener opens it once per call, however many agents a
 * ring-all queue rings at once; the screen pop only reads it (the opening under way, or the database), and a call
 * that never rang through a queue gets no draft from its pop.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DraftOnRingIT {

    private Vertx vertx;
    private Db db;
    private MatterModule module;
    private DraftOnRing drafts;

    @BeforeAll
    void start(TestDatabase database) {
        vertx = Vertx.vertx();
        db = new Db(vertx, database.dataSource(), 4);
        module = new MatterModule(db);
        drafts = new DraftOnRing(module.matters(), n -> n == null ? "" : n.replaceAll("[^0-9]", ""), vertx);
    }

    @AfterAll
    void stop() throws Exception {
        db.close();
        vertx.close().await();
    }

    private static CallView view(CallKey key) {
        return new CallView(key, "13800138000", "张三", "12345", Instant.now(), "welcome>main-menu:1>category:2",
                Map.of("HOTLINE_CALLER_NAME", "张三丰"), "q-help", 0, Instant.now(), null, null);
    }

    private int mattersOf(CallKey key) {
        return db.query(dsl -> dsl.fetchCount(dsl.selectFrom("matter").where("origin_pbx_id = ? and origin_linkedid = ?",
                key.pbxId(), key.linkedid()))).await();
    }

    @Test
    void aCallRungAtSeveralAgentsAtOnceOpensOneDraftAndThePopReadsIt() throws Exception {
        CallKey key = new CallKey("pbx1", "1772000000.1");
        for (String agent : new String[] {"PJSIP/1001", "PJSIP/1002", "PJSIP/1003", "PJSIP/1004"}) {
            drafts.accept(new CallUpdate.AgentRinging(key, Instant.now(), view(key), agent, "q-help"));
        }
        Optional<Matter> popped = drafts.draftOf(key).await();
        assertThat(popped).isPresent();
        assertThat(popped.get().contactName()).as("the name the caller gave the IVR").isEqualTo("张三丰");
        assertThat(popped.get().category().code()).isEqualTo("help");
        assertThat(mattersOf(key)).isEqualTo(1);
        // once the call ended the opening is forgotten here; the pop of a console opened later reads the database
        drafts.accept(new CallUpdate.CallEnded(key, Instant.now(), view(key), null, "normal", null));
        assertThat(drafts.draftOf(key).await()).get().extracting(Matter::id).isEqualTo(popped.get().id());
    }

    @Test
    void aPopOpensNoDraftOfItsOwn() throws Exception {
        CallKey key = new CallKey("pbx1", "1772000000.2");
        Future<Optional<Matter>> f = drafts.draftOf(key);
        assertThat(f.await()).isEmpty();
        assertThat(mattersOf(key)).isZero();
    }
}
