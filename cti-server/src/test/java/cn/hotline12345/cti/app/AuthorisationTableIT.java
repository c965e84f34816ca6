package cn.hotline12345.cti.app;

import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route of the feature × every role (and no session): the expected status. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorisationTableIT {

    /** Column order of the expectations below. */
    private static final List<String> WHO = List.of("anonymous", "agent1", "supervisor1", "engineer1", "admin", "unit1");

    private WebFixture web;
    private final Map<String, WebClientSession> sessions = new HashMap<>();

    @BeforeAll
    void start(TestDatabase db) {
        web = new WebFixture(db);
        sessions.put("anonymous", web.client());
        for (String u : WHO.subList(1, WHO.size())) {
            sessions.put(u, web.client().login(u));
        }
    }

    @AfterAll
    void stop() {
        web.close();
    }

    /** method, path, body, then the statuses for anonymous, agent, supervisor, engineer, admin, unit. */
    static Stream<Arguments> table() {
        Object[][] rows = {
                {"GET", "/api/auth/me", null, 401, 200, 200, 200, 200, 200},
                {"POST", "/api/agent/login", "{\"queues\":[{\"queue\":\"q-general\",\"penalty\":0}]}", 401, 200, 403, 403, 403, 403},
                {"POST", "/api/agent/logout", "{\"queues\":[\"q-general\"]}", 401, 200, 403, 403, 403, 403},
                {"POST", "/api/agent/pause", "{\"reason\":\"meal\"}", 401, 200, 403, 403, 403, 403},
                {"POST", "/api/agent/unpause", "{}", 401, 200, 403, 403, 403, 403},
                {"POST", "/api/agent/wrapup", "{}", 401, 200, 403, 403, 403, 403},
                {"POST", "/api/agent/dial", "{\"number\":\"13800138000\"}", 401, 200, 403, 403, 403, 403},
                {"POST", "/api/agent/transfer", "{\"kind\":\"emergency\",\"value\":\"110\"}", 401, 200, 403, 403, 403, 403},
                {"POST", "/api/agent/hold", "{\"on\":true}", 401, 200, 403, 403, 403, 403},
                {"POST", "/api/agent/hangup", "{}", 401, 200, 403, 403, 403, 403},
                {"POST", "/api/supervisor/agents/1001/pause", "{\"reason\":\"meeting\"}", 401, 403, 200, 403, 403, 403},
                {"POST", "/api/supervisor/agents/1001/unpause", "{}", 401, 403, 200, 403, 403, 403},
                {"POST", "/api/supervisor/agents/1001/logout", "{\"queues\":[\"q-general\"]}", 401, 403, 200, 403, 403, 403},
                {"GET", "/api/wallboard", null, 401, 403, 200, 200, 200, 403},
                {"GET", "/api/admin/users", null, 401, 403, 403, 403, 200, 403},
                {"POST", "/api/admin/users/999999/active", "{\"active\":true}", 401, 403, 403, 403, 404, 403},
                {"POST", "/api/admin/users/999999/pbx", "{\"pbxId\":null}", 401, 403, 403, 403, 404, 403},
                {"GET", "/ws/console", null, 401, 400, 403, 403, 403, 403},
                {"GET", "/ws/wallboard", null, 401, 403, 400, 400, 400, 403},
        };
        List<Arguments> out = new ArrayList<>();
        for (Object[] r : rows) {
            for (int i = 0; i < WHO.size(); i++) {
                out.add(Arguments.of(r[0], r[1], r[2], WHO.get(i), r[3 + i]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {3} -> {4}")
    @MethodSource("table")
    void routeAnswersTheRoleWithTheExpectedStatus(String method, String path, String body, String who, int expected) {
        HttpResponse<String> r = sessions.get(who).send(method, path, body, true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
    }
}
