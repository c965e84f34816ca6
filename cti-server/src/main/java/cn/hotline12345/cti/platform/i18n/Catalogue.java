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
 * The one catalogue of what users read, the files {@code webroot/assets/i18n/index.json} of agent-softphone-api lists
 * ({@code zh-CN.json}, {@code zh-CN-desk.json}, ...; one per area, a key in one file only): the pages fetch them, the
 * server reads the same files for the messages of its error answers. Keys are {@code area.name}; {@code {x}} is a
 * parameter. Logs stay English; users read only this.
 */
public final class Catalogue {

    /** Where the catalogue is on the classpath (the agent-softphone-api jar). */
    public static final String DIR = "webroot/assets/i18n/";
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
        JsonObject index = read("index.json");
        Map<String, String> m = new HashMap<>();
        for (Object file : index.getJsonArray("files")) {
            read((String) file).forEach(e -> {
                if (!e.getKey().startsWith("_") && e.getValue() instanceof String s) {
                    if (m.put(e.getKey(), s) != null) {
                        throw new IllegalStateException("catalogue key " + e.getKey() + " is defined twice (" + file + ")");
                    }
                }
            });
        }
        return new Catalogue(m);
    }

    private static JsonObject read(String file) {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("the message catalogue " + DIR + file + " is not on the classpath");
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every key, for tests. */
    public java.util.Set<String> keys() {
        return texts.keySet();
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
