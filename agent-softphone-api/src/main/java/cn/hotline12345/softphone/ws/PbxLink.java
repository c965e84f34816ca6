package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * One PBX's AMI link as the wallboard shows it.
 *
 * @param pbxId the PBX ({@code pbxs[].id})
 * @param up    whether its events reach the server (false: the wallboard's figures for it are stale)
 * @param since when it went down; null while up
 */
public record PbxLink(String pbxId, boolean up, Instant since) {

    public JsonObject toJson() {
        return new JsonObject().put("pbxId", pbxId).put("up", up).put("since", Fields.iso(since));
    }

    public static PbxLink fromJson(JsonObject o) {
        return new PbxLink(Fields.str(o, "pbxId"), Fields.bool(o, "up"), Fields.optInstant(o, "since"));
    }
}
