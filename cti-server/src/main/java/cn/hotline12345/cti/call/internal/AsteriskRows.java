package cn.hotline12345.cti.call.internal;

import java.time.Instant;
import java.util.List;

/**
 * Asterisk's own records of one call as stored in schema {@code asterisk} (V80): its CEL rows (cel_pgsql) and its
 * queue_log rows (app_queue through realtime), each in the order Asterisk wrote them.
 */
public record AsteriskRows(String pbxId, String linkedid, List<Cel> cel, List<QueueLog> queueLog) {

    public AsteriskRows {
        cel = List.copyOf(cel);
        queueLog = List.copyOf(queueLog);
    }

    /** One asterisk.cel row (the columns the server reads). */
    public record Cel(long id, String eventtype, Instant eventtime, String cidName, String cidNum, String cidDnid,
                      String exten, String context, String channame, String appname, String appdata, String uniqueid,
                      String linkedid, String peer, String extra) {
    }

    /** One asterisk.queue_log row. */
    public record QueueLog(long id, Instant time, String callid, String queuename, String agent, String event,
                           String data1, String data2, String data3, String data4, String data5) {

        /** data1..data5 by number (1-based); "" when absent. */
        public String data(int n) {
            String v = switch (n) {
                case 1 -> data1;
                case 2 -> data2;
                case 3 -> data3;
                case 4 -> data4;
                case 5 -> data5;
                default -> null;
            };
            return v == null ? "" : v;
        }
    }
}
