package cn.hotline12345.cti.bench;

import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The screen-pop load tool checked for correctness, not speed: with a few real consoles every published pop
 * reaches the agent it was for, and a pop reaching another agent is noticed.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreenPopLoadHarnessIT {

    private WebFixture web;
    private TestDatabase db;

    @BeforeAll
    void start(TestDatabase db) {
        this.db = db;
        web = new WebFixture(db);
    }

    @AfterAll
    void stop() {
        web.close();
    }

    /** Five connected agents of their own (each test its own extensions, so no pop crosses tests). */
    private ScreenPopLoad connected(int firstExtension, List<String> exts) throws Exception {
        ScreenPopLoad load = new ScreenPopLoad(web, 5);
        exts.addAll(ScreenPopLoad.createAgents(db.dataSource(), 5, firstExtension));
        load.connect(exts, 2);
        return load;
    }

    @Test
    void everyPopReachesItsAgentAndOnlyIt() throws Exception {
        ScreenPopLoad.Result r;
        try (ScreenPopLoad load = connected(2000, new ArrayList<>())) {
            r = load.run(50, Duration.ofSeconds(30), 20, Duration.ZERO, Duration.ofSeconds(10), null);
        }
        assertThat(r.sent()).isEqualTo(20);
        assertThat(r.received()).isEqualTo(20);
        assertThat(r.all().count()).isEqualTo(20);
        assertThat(r.wrongAgent()).isZero();
        assertThat(r.duplicates()).isZero();
        assertThat(r.lost()).isZero();
        assertThat(r.clientCloses()).isZero();
        assertThat(r.consolesAtEnd()).isEqualTo(5);
        assertThat(r.all().maxMicros()).isPositive();
    }

    @Test
    void aPopThatReachesAnotherAgentIsCountedWrongAndLost() throws Exception {
        List<String> exts = new ArrayList<>();
        ScreenPopLoad.Result r;
        try (ScreenPopLoad load = connected(2100, exts)) {
            // rung at the first extension but expected at the second: the first one's client must object
            load.publish(exts.get(0), exts.get(1), new SplittableRandom(1));
            r = load.run(50, Duration.ofSeconds(30), 0, Duration.ZERO, Duration.ofSeconds(2), null);
        }
        assertThat(r.sent()).isZero();
        assertThat(r.wrongAgent()).isEqualTo(1);
        assertThat(r.lost()).isEqualTo(1);
    }
}
