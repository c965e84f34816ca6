package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

/**
 * A knowledge base entry the screen pop suggests (art. 18, 31): its id (the console opens it with
 * {@code GET /api/knowledge/{id}}), title and the start of its text.
 */
public record KnowledgeHint(String id, String title, String snippet) {

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("title", title).put("snippet", snippet);
    }

    public static KnowledgeHint fromJson(JsonObject o) {
        return new KnowledgeHint(Fields.str(o, "id"), Fields.optStr(o, "title"), Fields.optStr(o, "snippet"));
    }
}
