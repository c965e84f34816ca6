package cn.hotline12345.cti.app;

import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.TestConfigs;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CtiServerIT {

    @Test
    void servesHealthReadyAndMetricsOnAnExternalDatabase(TestDatabase db) {
        try (CtiServer server = CtiServer.start(TestConfigs.forDatabase(db, Map.of()))) {
            int port = server.httpPort();
            assertThat(Http.get(port, "/health").statusCode()).isEqualTo(200);
            Http.await("database reported up", Duration.ofSeconds(10),
                    () -> server.readiness().isUp("database"));
            HttpResponse<String> ready = Http.get(port, "/ready");
            JsonObject body = new JsonObject(ready.body());
            assertThat(body.getJsonObject("components").getJsonObject("database").getString("status")).isEqualTo("UP");
            HttpResponse<String> metrics = Http.get(port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
            assertThat(Http.get(port, "/no/such/thing").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void readyIsDownWhileAComponentIsDown(TestDatabase db) {
        try (CtiServer server = CtiServer.start(TestConfigs.forDatabase(db, Map.of()))) {
            server.readiness().report("ami:test", false, "link down");
            HttpResponse<String> ready = Http.get(server.httpPort(), "/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(ready.body()).getJsonObject("components").getJsonObject("ami:test")
                    .getString("status")).isEqualTo("DOWN");
        }
    }

    @Test
    void startsItsOwnEmbeddedPostgresByDefault(@TempDir Path dataDir) {
        CtiConfig config = new ConfigLoader(Map.of("CTI_HTTP_PORT", "0", "CTI_HTTP_HOST", "127.0.0.1",
                "CTI_AGI_PORT", "0", "CTI_DATABASE_DATA_DIR", dataDir.toString())).load(null);
        assertThat(config.database().mode()).isEqualTo(CtiConfig.Database.Mode.EMBEDDED);
        try (CtiServer server = CtiServer.start(config)) {
            Http.await("embedded database up", Duration.ofSeconds(10), () -> server.readiness().isUp("database"));
            Integer calls = server.db().query(dsl -> dsl.fetchCount(cn.hotline12345.schema.jooq.Tables.CALL))
                    .await();
            assertThat(calls).isZero();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(dataDir.resolve("PG_VERSION")).exists();
    }
}
