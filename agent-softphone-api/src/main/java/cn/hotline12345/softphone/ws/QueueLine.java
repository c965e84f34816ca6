package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

/**
 * One queue on the wallboard. Rates are 0..1, times in milliseconds, counters since midnight.
 *
 * @param queue       the queue's id in Asterisk ({@code q-general}): a key, never shown
 * @param displayName what supervisors read ({@code 综合咨询}; the dialplan contract's name of the queue)
 */
public record QueueLine(String pbxId, String queue, int waiting, long longestWaitMs, int loggedIn, int available,
                        int onCall, int paused, int wrapUp, double serviceLevel, int serviceLevelSeconds,
                        double abandonRate, int offeredToday, int answeredToday, int abandonedToday,
                        String displayName) {

    public QueueLine {
        displayName = displayName == null || displayName.isBlank() ? queue : displayName;
    }

    /** A queue line whose display name is its id (a queue outside the dialplan contract). */
    public QueueLine(String pbxId, String queue, int waiting, long longestWaitMs, int loggedIn, int available,
                     int onCall, int paused, int wrapUp, double serviceLevel, int serviceLevelSeconds,
                     double abandonRate, int offeredToday, int answeredToday, int abandonedToday) {
        this(pbxId, queue, waiting, longestWaitMs, loggedIn, available, onCall, paused, wrapUp, serviceLevel,
                serviceLevelSeconds, abandonRate, offeredToday, answeredToday, abandonedToday, queue);
    }

    public JsonObject toJson() {
        return new JsonObject().put("pbxId", pbxId).put("queue", queue).put("displayName", displayName)
                .put("waiting", waiting)
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
                Fields.integer(o, "abandonedToday"), Fields.optStr(o, "displayName"));
    }
}
