package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The wallboard's calls-per-hour chart is seeded from the call table, in the hotline's local hours. */
@ExtendWith(PostgresExtension.class)
class CallCountRepositoryIT {

    @Test
    void countsTodaysCallsPerLocalHour(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            // 09:10 and 09:40 Shanghai time (01:10 and 01:40 UTC), 23:59 the day before, and one the next day
            s.execute("insert into call (pbx_id, linkedid, started_at) values "
                    + "('p', '1', '2026-11-27T01:10:00Z'), ('p', '2', '2026-11-27T01:40:00Z'), "
                    + "('p', '3', '2026-11-26T15:59:00Z'), ('p', '4', '2026-11-27T16:00:00Z')");
        }
        Vertx vertx = Vertx.vertx();
        try (Db d = new Db(vertx, db.dataSource(), 2)) {
            int[] perHour = new CallCountRepository(d)
                    .perHour(ZonedDateTime.of(2026, 11, 27, 0, 0, 0, 0, HotlineTime.ZONE)).await();
            assertThat(perHour[9]).isEqualTo(2);
            assertThat(java.util.Arrays.stream(perHour).sum()).isEqualTo(2);
        } finally {
            vertx.close().await();
        }
    }
}
