package cn.hotline12345.cti.platform.i18n;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one catalogue of what users read, {@code webroot/assets/i18n/zh-CN.json} of agent-softphone-api: the pages
 * fetch it, the server reads the same file for the messages of its error answers. Keys are {@code area.name};
 * {@code {x}} is a parameter. Logs stay English; users read only this.
 */
public final class Catalogue {

    /** Where the file is on the classpath (the agent-softphone-api jar). */
    public static final String RESOURCE = "webroot/assets/i18n/zh-CN.json";
    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");
    private static final Catalogue ZH = load();

    private final Map<String, String> texts;

    private Catalogue(Map<String, String> texts) {
        this.texts = Map.copyOf(texts);
    }

    /** The Chinese catalogue (read once per JVM). */
    public static Catalogue zh() {
        return ZH;
    }

    private static Catalogue load() {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the message catalogue " + RESOURCE + " is not on the classpath");
            }
            JsonObject json = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, String> m = new HashMap<>();
            json.forEach(e -> {
                if (!e.getKey().startsWith("_") && e.getValue() instanceof String s) {
                    m.put(e.getKey(), s);
                }
            });
            return new Catalogue(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }

    /** The text of {@code key} with its parameters filled (a missing parameter is left empty); the key when absent. */
    public String text(String key, Map<String, ?> params) {
        String s = texts.get(key);
        if (s == null) {
            return key;
        }
        Matcher m = PARAM.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = params.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    public String text(String key) {
        return text(key, Map.of());
    }

    /** The label of an enum code ({@code label("matter.status", "draft")} = 草稿), or the code when unknown. */
    public String label(String kind, String code) {
        return code == null ? null : texts.getOrDefault(kind + "." + code, code);
    }

    /** The Chinese name of an input field ({@code field.subject} = 事项标题), or the field's own name. */
    public String field(String field) {
        return field == null ? null : texts.getOrDefault("field." + field, field);
    }
}
