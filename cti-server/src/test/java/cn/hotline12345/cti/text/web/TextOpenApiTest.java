package cn.hotline12345.cti.text.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route the text slice mounts (issue 26) is in the OpenAPI file of agent-softphone-api with its method, a
 * summary naming the roles, and a schema for its answer: read from the router itself, so a route added later without
 * its entry fails here. (No such check exists for the whole server; this one is limited to the text routes.)
 */
class TextOpenApiTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyTextRouteIsDescribedWithASchema() throws Exception {
        Map<String, Object> paths;
        try (InputStream in = getClass().getResourceAsStream("/openapi/agent-api.yaml")) {
            assertThat(in).as("the OpenAPI file on the class path").isNotNull();
            paths = (Map<String, Object>) new Yaml().<Map<String, Object>>load(in).get("paths");
        }
        Vertx vertx = Vertx.vertx();
        List<String> mounted = new ArrayList<>();
        try {
            Router router = Router.router(vertx);
            new TextRoutes(null, null).mount(router);
            for (Route r : router.getRoutes()) {
                if (r.getPath() == null || r.methods() == null) {
                    continue;
                }
                String path = r.getPath().replaceAll(":(\\w+)", "{$1}");
                for (HttpMethod m : r.methods()) {
                    mounted.add(m.name().toLowerCase(Locale.ROOT) + " " + path);
                }
            }
        } finally {
            vertx.close();
        }
        assertThat(mounted).contains("post /api/matters/suggest-dispatch", "post /api/matters/similar",
                "post /api/matters/flags", "get /api/reports/hot-topics", "get /api/text/alerts",
                "get /api/text/dictionary", "post /api/text/dictionary", "delete /api/text/dictionary/{word}");
        for (String route : mounted) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            assertThat(paths).as(route).containsKey(path);
            Map<String, Object> op = (Map<String, Object>) ((Map<String, Object>) paths.get(path)).get(method);
            assertThat(op).as(route).isNotNull();
            assertThat((String) op.get("summary")).as(route + " names its roles").containsPattern("AGENT|SUPERVISOR|ADMIN");
            Map<String, Object> responses = (Map<String, Object>) op.get("responses");
            assertThat(responses).as(route).containsKey("403");
            Map.Entry<String, Object> ok = responses.entrySet().stream().filter(e -> e.getKey().startsWith("2"))
                    .findFirst().orElseThrow(() -> new AssertionError(route + ": no 2xx answer"));
            if (!ok.getKey().equals("204")) {
                Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) ok.getValue()).get("content");
                assertThat(content).as(route + " answers JSON").containsKey("application/json");
                assertThat((Map<String, Object>) ((Map<String, Object>) content.get("application/json")).get("schema"))
                        .as(route + " has a schema").isNotEmpty();
            }
            if (!method.equals("get") && !method.equals("delete")) {
                assertThat(op).as(route + " describes its body").containsKey("requestBody");
            }
        }
    }
}
