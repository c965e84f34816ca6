package cn.hotline12345.cti.user.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** The session cookie: HttpOnly, SameSite=Strict, Secure when configured, no Max-Age (ends with the browser). */
public final class SessionCookie {

    public static final String NAME = "CTI_SESSION";

    private final boolean secure;

    public SessionCookie(boolean secure) {
        this.secure = secure;
    }

    public String read(HttpServerRequest request) {
        Cookie c = request.getCookie(NAME);
        return c == null ? null : c.getValue();
    }

    public void set(HttpServerResponse response, String sessionId) {
        response.addCookie(base(sessionId));
    }

    public void clear(HttpServerResponse response) {
        response.addCookie(base("").setMaxAge(0));
    }

    private Cookie base(String value) {
        return Cookie.cookie(NAME, value).setPath("/").setHttpOnly(true).setSecure(secure)
                .setSameSite(CookieSameSite.STRICT);
    }
}
