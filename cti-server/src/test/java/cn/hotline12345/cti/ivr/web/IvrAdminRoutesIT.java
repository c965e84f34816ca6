package cn.hotline12345.cti.ivr.web;


import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.cti.desk.internal.DefaultScreenPopEnricher;
import cn.hotline12345.ivr.FlowRegistry;
import cn.hotline12345.ivr.FlowSource;
import cn.hotline12345.ivr.HotlineNames;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The IVR reload over HTTP: engineers and administrators only, CSRF-protected, answers the validator's verdict. */
@ExtendWith(PostgresExtension.class)
class IvrAdminRoutesIT {

    @Test
    void reloadIsForEngineersAndAdminsAndReportsTheVersion(TestDatabase db) throws Exception {
        FlowRegistry registry = FlowRegistry.start(FlowSource.classpath(getClass().getClassLoader()),
                HotlineNames.SERVICES);
        AtomicInteger reloads = new AtomicInteger();
        try (WebFixture web = new WebFixture(db, AuthSettings.defaults(), 256, new DefaultScreenPopEnricher(),
                List.of(new IvrAdminRoutes(() -> {
                    reloads.incrementAndGet();
                    return Future.succeededFuture(registry.reload());
                })))) {
            assertThat(web.client().post("/api/admin/ivr/reload", "{}").statusCode()).isEqualTo(401);
            assertThat(web.client().login("agent1").post("/api/admin/ivr/reload", "{}").statusCode()).isEqualTo(403);
            assertThat(web.client().login("supervisor1").post("/api/admin/ivr/reload", "{}").statusCode()).isEqualTo(403);
            WebClientSession engineer = web.client().login("engineer1");
            assertThat(engineer.send("POST", "/api/admin/ivr/reload", "{}", false).statusCode())
                    .as("no CSRF token").isEqualTo(403);
            assertThat(reloads).hasValue(0);
            HttpResponse<String> ok = engineer.post("/api/admin/ivr/reload", "{}");
            assertThat(ok.statusCode()).isEqualTo(200);
            JsonObject body = new JsonObject(ok.body());
            assertThat(body.getBoolean("applied")).isTrue();
            assertThat(body.getString("version")).isNotBlank();
            assertThat(web.client().login("admin").post("/api/admin/ivr/reload", "{}").statusCode()).isEqualTo(200);
            assertThat(reloads).hasValue(2);
        }
    }
}
