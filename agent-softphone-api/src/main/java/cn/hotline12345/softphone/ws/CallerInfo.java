package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The caller as the viewing agent may see them.
 *
 * @param number          the number, masked ({@code 138****8000}) unless the viewer may unmask
 * @param masked          whether {@code number} is masked
 * @param name            the caller's name as known (untrusted text: render as text only)
 * @param repeat          a repeat caller (same issue again)
 * @param repeatReasons   why, in words for the agent
 * @param nuisance        a nuisance measure is in force (art. 12/34)
 * @param nuisanceReasons why, in words for the agent
 */
public record CallerInfo(String number, boolean masked, String name, boolean repeat, List<String> repeatReasons,
                         boolean nuisance, List<String> nuisanceReasons) {

    public CallerInfo {
        repeatReasons = List.copyOf(repeatReasons);
        nuisanceReasons = List.copyOf(nuisanceReasons);
    }

    public JsonObject toJson() {
        return new JsonObject().put("number", number).put("masked", masked).put("name", name)
                .put("repeat", repeat).put("repeatReasons", Fields.array(repeatReasons, s -> s))
                .put("nuisance", nuisance).put("nuisanceReasons", Fields.array(nuisanceReasons, s -> s));
    }

    public static CallerInfo fromJson(JsonObject o) {
        return new CallerInfo(Fields.optStr(o, "number"), Fields.bool(o, "masked"), Fields.optStr(o, "name"),
                Fields.bool(o, "repeat"), Fields.strings(o, "repeatReasons"), Fields.bool(o, "nuisance"),
                Fields.strings(o, "nuisanceReasons"));
    }
}
