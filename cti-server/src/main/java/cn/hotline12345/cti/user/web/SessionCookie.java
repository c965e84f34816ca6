package cn.hotline12345.cti.user.web;

import cn.hotline12345.cti.platform.web.ClientAddresses;
import cn.hotline12345.cti.user.api.AuthSettings;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The session cookie: HttpOnly, SameSite=Strict, no Max-Age (ends with the browser), and {@code Secure} as
 * {@code auth.secureCookie} says: always, never, or ({@code auto}) when the request came over HTTPS, directly or
 * through a trusted proxy's {@code X-Forwarded-Proto}.
 */
public final class SessionCookie {

    public static final String NAME = "CTI_SESSION";

    private final AuthSettings.SecureCookie mode;
    private final ClientAddresses clients;

    public SessionCookie(AuthSettings.SecureCookie mode, ClientAddresses clients) {
        this.mode = mode;
        this.clients = clients;
    }

    /** Secure always ({@code true}) or never. */
    public SessionCookie(boolean secure) {
        this(secure ? AuthSettings.SecureCookie.ALWAYS : AuthSettings.SecureCookie.NEVER, ClientAddresses.direct());
    }

    public String read(HttpServerRequest request) {
        Cookie c = request.getCookie(NAME);
        return c == null ? null : c.getValue();
    }

    public void set(HttpServerRequest request, HttpServerResponse response, String sessionId) {
        response.addCookie(base(sessionId, secure(request)));
    }

    public void clear(HttpServerRequest request, HttpServerResponse response) {
        response.addCookie(base("", secure(request)).setMaxAge(0));
    }

    private boolean secure(HttpServerRequest request) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> clients.secure(request);
        };
    }

    private static Cookie base(String value, boolean secure) {
        return Cookie.cookie(NAME, value).setPath("/").setHttpOnly(true).setSecure(secure)
                .setSameSite(CookieSameSite.STRICT);
    }
}
