package cn.hotline12345.cti.knowledge.internal;

import cn.hotline12345.cti.knowledge.KnowledgeModule;
import cn.hotline12345.cti.knowledge.api.KnowledgeEntry;
import cn.hotline12345.cti.knowledge.api.KnowledgeException;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 19 item 8: an entry's source unit may be given by the unit's name (an editor knows 市人社局, not its id), an
 * unknown unit is a 400 on {@code sourceUnit} (it was a foreign-key 500), and a one-character query asks for two.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeEditingIT {

    private Vertx vertx;
    private Db db;
    private KnowledgeService knowledge;

    @BeforeAll
    void start(TestDatabase database) throws Exception {
        vertx = Vertx.vertx();
        db = new Db(vertx, database.dataSource(), 4);
        knowledge = new KnowledgeModule(db, Clock.systemUTC()).knowledge();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into handling_unit (id, name, level) values ('ke-hrss', '市人力资源和社会保障局', 'city')"
                    + " on conflict (id) do nothing");
        }
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

    private static KnowledgeEntry entry(String sourceUnit) {
        return new KnowledgeEntry(0, "社保卡补办", "携带身份证到社保大厅办理", List.of("社保"), sourceUnit, null, null, null, null);
    }

    @Test
    void theSourceUnitIsFoundByIdOrByName() {
        assertThat(await(knowledge.create(entry("ke-hrss"))).sourceUnit()).isEqualTo("ke-hrss");
        assertThat(await(knowledge.create(entry("市人力资源和社会保障局"))).sourceUnit()).isEqualTo("ke-hrss");
        assertThat(await(knowledge.create(entry(null))).sourceUnit()).isNull();
    }

    @Test
    void anUnknownSourceUnitIsABadFieldNotAServerError() {
        assertThatThrownBy(() -> await(knowledge.create(entry("不存在的单位"))))
                .isInstanceOfSatisfying(KnowledgeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Refusal.Kind.INVALID);
                    assertThat(e.field()).isEqualTo("sourceUnit");
                });
    }

    @Test
    void aOneCharacterQueryAsksForTwo() {
        assertThatThrownBy(() -> await(knowledge.search("社", 10)))
                .isInstanceOfSatisfying(KnowledgeException.class, e -> assertThat(e.field()).isEqualTo("q"));
        assertThat(await(knowledge.search("社保", 10))).isNotEmpty();
    }
}
