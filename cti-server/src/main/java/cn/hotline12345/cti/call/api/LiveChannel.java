package cn.hotline12345.cti.call.api;

/**
 * One channel the PBX says is live (an item of {@code CoreShowChannels}): what a resync after a reconnect knows.
 *
 * @param durationSeconds how long the channel has existed ({@code Duration: HH:MM:SS}); 0 when unknown
 */
public record LiveChannel(String uniqueid, String linkedid, String channel, String callerNumber, String callerName,
                          String context, String exten, int state, String application, String applicationData,
                          String bridgeId, long durationSeconds) {

    /** Without a duration. */
    public LiveChannel(String uniqueid, String linkedid, String channel, String callerNumber, String callerName,
                       String context, String exten, int state, String application, String applicationData,
                       String bridgeId) {
        this(uniqueid, linkedid, channel, callerNumber, callerName, context, exten, state, application,
                applicationData, bridgeId, 0);
    }

    /** Seconds of {@code HH:MM:SS} (also {@code H:MM:SS} and more hours); 0 for anything else. */
    public static long parseDuration(String hms) {
        if (hms == null) {
            return 0;
        }
        String[] p = hms.trim().split(":");
        if (p.length != 3) {
            return 0;
        }
        try {
            long h = Long.parseLong(p[0]);
            long m = Long.parseLong(p[1]);
            long s = Long.parseLong(p[2]);
            return h < 0 || m < 0 || m > 59 || s < 0 || s > 59 ? 0 : h * 3600 + m * 60 + s;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
