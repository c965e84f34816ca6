package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

/**
 * The matter the IVR prepared or the caller asked about ({@code HOTLINE_MATTER}), to prefill the form.
 *
 * @param id       the matter's id if it exists, else null
 * @param number   the matter number if known
 * @param category consultation, help, suggestion, complaint or report; null if unknown
 */
public record DraftMatter(String id, String number, String category, String subject, String content) {

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("number", number).put("category", category)
                .put("subject", subject).put("content", content);
    }

    public static DraftMatter fromJson(JsonObject o) {
        return new DraftMatter(Fields.optStr(o, "id"), Fields.optStr(o, "number"), Fields.optStr(o, "category"),
                Fields.optStr(o, "subject"), Fields.optStr(o, "content"));
    }
}
