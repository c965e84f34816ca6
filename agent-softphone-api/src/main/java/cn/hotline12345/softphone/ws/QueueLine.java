package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

/** One queue on the wallboard. Rates are 0..1, times in milliseconds, counters since midnight. */
public record QueueLine(String pbxId, String queue, int waiting, long longestWaitMs, int loggedIn, int available,
                        int onCall, int paused, int wrapUp, double serviceLevel, int serviceLevelSeconds,
                        double abandonRate, int offeredToday, int answeredToday, int abandonedToday) {

    public JsonObject toJson() {
        return new JsonObject().put("pbxId", pbxId).put("queue", queue).put("waiting", waiting)
                .put("longestWaitMs", longestWaitMs).put("loggedIn", loggedIn).put("available", available)
                .put("onCall", onCall).put("paused", paused).put("wrapUp", wrapUp).put("serviceLevel", serviceLevel)
                .put("serviceLevelSeconds", serviceLevelSeconds).put("abandonRate", abandonRate)
                .put("offeredToday", offeredToday).put("answeredToday", answeredToday)
                .put("abandonedToday", abandonedToday);
    }

    public static QueueLine fromJson(JsonObject o) {
        return new QueueLine(Fields.str(o, "pbxId"), Fields.str(o, "queue"), Fields.integer(o, "waiting"),
                Fields.lng(o, "longestWaitMs"), Fields.integer(o, "loggedIn"), Fields.integer(o, "available"),
                Fields.integer(o, "onCall"), Fields.integer(o, "paused"), Fields.integer(o, "wrapUp"),
                Fields.dbl(o, "serviceLevel"), Fields.integer(o, "serviceLevelSeconds"), Fields.dbl(o, "abandonRate"),
                Fields.integer(o, "offeredToday"), Fields.integer(o, "answeredToday"),
                Fields.integer(o, "abandonedToday"));
    }
}
