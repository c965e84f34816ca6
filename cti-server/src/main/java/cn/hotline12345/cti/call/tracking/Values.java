package cn.hotline12345.cti.call.tracking;

/** How the tracker keeps what Asterisk sends: capped, without NUL, and the names it derives from channels. */
final class Values {

    private Values() {
    }

    /**
     * The recording's file name relative to the recordings directory: Asterisk announces the absolute path in
     * its monitor directory ({@code /var/spool/asterisk/monitor/<uniqueid>.wav}); the dialplan always writes at
     * the top of that directory, which the server mounts as {@code recordings.dir}, so the last element is kept.
     */
    static String recordingName(String announced) {
        int slash = Math.max(announced.lastIndexOf('/'), announced.lastIndexOf('\\'));
        return slash >= 0 ? announced.substring(slash + 1) : announced;
    }

    /** The queue member interface behind a channel name: PJSIP/1001-0000002a → PJSIP/1001. */
    static String memberOf(String channel) {
        if (channel.startsWith("Local/")) {
            int dash = channel.lastIndexOf('-');
            return (dash > 0 ? channel.substring(0, dash) : channel) + "/n";
        }
        int dash = channel.lastIndexOf('-');
        return dash > 0 ? channel.substring(0, dash) : channel;
    }

    static String cap(String s) {
        if (s == null) {
            return "";
        }
        String capped = s.length() > CallTracker.MAX_VALUE ? s.substring(0, CallTracker.MAX_VALUE) : s;
        // PostgreSQL text cannot hold NUL; Asterisk values are untrusted.
        return capped.indexOf('\0') >= 0 ? capped.replace('\0', '\uFFFD') : capped;
    }

    static Integer parseIntOrNull(String s) {
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
