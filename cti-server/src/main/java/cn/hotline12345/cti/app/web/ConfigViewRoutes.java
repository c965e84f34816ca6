package cn.hotline12345.cti.app.web;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.web.RequestJson;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.web.Authz;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /api/engineer/config} (engineers, administrators): the configuration in effect (issue 24), every key
 * with its value as the server bound it ({@code docs/configuration.md} names them), secrets hidden. It walks the
 * configuration's records, so a section added later is shown without a change here — and any key whose name says
 * it is a secret (password, secret, token, key) is shown as {@code ***} whatever section it is in; a password inside
 * a database URL is hidden too.
 */
public final class ConfigViewRoutes implements RouteContributor {

    static final String HIDDEN = "***";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|apikey|key)$");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("//[^/@]+@");

    private final CtiConfig config;

    public ConfigViewRoutes(CtiConfig config) {
        this.config = config;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/engineer/config").handler(Authz.require(Role.ENGINEER, Role.ADMIN))
                .handler(ctx -> RequestJson.json(ctx, 200, new JsonObject().put("config", view(config))));
    }

    /** The configuration as JSON, secrets hidden (public for tests). */
    public static Object view(Object value) {
        return value(value);
    }

    private static Object value(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Record r) {
            JsonObject o = new JsonObject();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object child;
                try {
                    child = c.getAccessor().invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read configuration key " + c.getName(), e);
                }
                o.put(c.getName(), SECRET_NAME.matcher(c.getName()).matches() && child != null ? HIDDEN : value(child));
            }
            return o;
        }
        if (v instanceof Collection<?> l) {
            JsonArray a = new JsonArray();
            l.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            JsonObject o = new JsonObject();
            m.forEach((k, x) -> o.put(String.valueOf(k), value(x)));
            return o;
        }
        if (v instanceof Duration d) {
            return d.toString();
        }
        if (v instanceof Path p) {
            return p.toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v;
        }
        String s = v.toString();
        if (s.startsWith("jdbc:") || s.contains("://")) {
            s = URL_PASSWORD.matcher(s).replaceAll("$1" + HIDDEN);
            s = URL_USERINFO.matcher(s).replaceAll("//" + HIDDEN + "@");
        }
        return s;
    }
}
