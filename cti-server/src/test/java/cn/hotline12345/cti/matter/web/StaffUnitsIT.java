package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.desk.internal.DefaultScreenPopEnricher;
import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/units} (issue 19): staff see the active units and their numbers; others are refused. */
@ExtendWith(PostgresExtension.class)
class StaffUnitsIT {

    @Test
    void agentsAndSupervisorsListTheActiveUnitsAndOthersAreRefused(TestDatabase db) throws Exception {
        try (WebFixture web = new WebFixture(db, AuthSettings.defaults(), 256, new DefaultScreenPopEnricher(),
                new MatterModule(new cn.hotline12345.cti.platform.db.Db(io.vertx.core.Vertx.vertx(), db.dataSource(), 2))
                        .routes())) {
            HttpResponse<String> r = web.client().login("agent1").get("/api/units");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonArray units = new JsonArray(r.body());
            assertThat(units).anySatisfy(u -> {
                JsonObject o = (JsonObject) u;
                assertThat(o.getString("id")).isEqualTo("demo-unit");
                assertThat(o.getString("name")).isEqualTo("演示承办单位");
                assertThat(o.getString("phone")).isEqualTo("05368880000");
            });
            assertThat(r.body()).doesNotContain("apiKey").doesNotContain("api_key");
            assertThat(web.client().login("supervisor1").get("/api/units").statusCode()).isEqualTo(200);
            assertThat(web.client().login("unit1").get("/api/units").statusCode()).isEqualTo(403);
            assertThat(web.client().login("engineer1").get("/api/units").statusCode()).isEqualTo(403);
            assertThat(web.client().get("/api/units").statusCode()).isEqualTo(401);
        }
    }
}
