package cn.hotline12345.cti.desk.web;

import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages are served from the classpath with a strict Content-Security-Policy. */
@ExtendWith(PostgresExtension.class)
class ConsolePagesIT {

    @Test
    void pagesAndAssetsAreServedWithAStrictPolicy(TestDatabase db) {
        try (WebFixture web = new WebFixture(db)) {
            for (String path : List.of("/console/", "/console/console.js", "/wallboard/", "/wallboard/wallboard.js",
                    "/assets/dom.js", "/assets/session.js", "/assets/common.css")) {
                HttpResponse<String> r = Http.get(web.port, path);
                assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
                String csp = r.headers().firstValue("content-security-policy").orElseThrow();
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
                assertThat(r.headers().firstValue("x-content-type-options")).contains("nosniff");
            }
            assertThat(Http.get(web.port, "/console/").body()).contains("12345 热线坐席工作台").doesNotContain("<script>");
            assertThat(Http.get(web.port, "/console/console.js").headers().firstValue("content-type").orElse(""))
                    .contains("javascript");
            assertThat(Http.get(web.port, "/console/../../../../etc/passwd").statusCode()).isIn(400, 404);
            assertThat(Http.get(web.port, "/").statusCode()).isIn(200, 302);
        }
    }
}
