package cn.hotline12345.cti.testing;


import cn.hotline12345.cti.testing.WebFixture;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** One "browser" for API tests: keeps its session cookie and CSRF token, sends the allowed Origin. */
public final class WebClientSession {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final String origin;
    public String sessionId;
    public String csrfToken;

    public WebClientSession(int port, String origin) {
        this.port = port;
        this.origin = origin;
    }

    /** Logs in with the demo password; fails the test unless 200. */
    public WebClientSession login(String username) {
        HttpResponse<String> r = login(username, WebFixture.PASSWORD);
        if (r.statusCode() != 200) {
            throw new AssertionError("login of " + username + " answered " + r.statusCode() + " " + r.body());
        }
        return this;
    }

    /** Logs in with the given password; fails the test unless 200. */
    public WebClientSession loginAs(String username, String password) {
        HttpResponse<String> r = login(username, password);
        if (r.statusCode() != 200) {
            throw new AssertionError("login of " + username + " answered " + r.statusCode() + " " + r.body());
        }
        return this;
    }

    public HttpResponse<String> login(String username, String password) {
        HttpResponse<String> r = send("POST", "/api/auth/login",
                new JsonObject().put("username", username).put("password", password).encode(), false);
        if (r.statusCode() == 200) {
            csrfToken = new JsonObject(r.body()).getString("csrfToken");
        }
        return r;
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, false);
    }

    /** A state-changing request with the CSRF token. */
    public HttpResponse<String> post(String path, String body) {
        return send("POST", path, body, true);
    }

    public HttpResponse<String> send(String method, String path, String body, boolean withCsrf) {
        return send(method, path, body, withCsrf ? csrfToken : null, origin);
    }

    public HttpResponse<String> send(String method, String path, String body, String csrf, String originHeader) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (originHeader != null) {
            b.header("Origin", originHeader);
        }
        if (sessionId != null) {
            b.header("Cookie", "CTI_SESSION=" + sessionId);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            List<String> cookies = r.headers().allValues("set-cookie");
            for (String c : cookies) {
                if (c.startsWith("CTI_SESSION=")) {
                    String v = c.substring("CTI_SESSION=".length(), c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
                    sessionId = v.isEmpty() ? null : v;
                }
            }
            return r;
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        }
    }
}
