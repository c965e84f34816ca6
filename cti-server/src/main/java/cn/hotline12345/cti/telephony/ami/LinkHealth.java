package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.cti.platform.health.Readiness;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;

/**
 * What /ready says of one AMI link: down while it is not connected (with why), up when it is, and down again —
 * although the link works — while a problem is set (a missing manager right, events that never arrive), each named
 * in the detail. While problems are set it asks the link, once a minute, to log in again: manager rights are read at
 * login, so a corrected manager.conf shows only in a fresh session. Used on the link's event loop only.
 */
final class LinkHealth {

    private static final Logger LOG = LoggerFactory.getLogger(LinkHealth.class);
    /** How long a misconfigured link runs before it logs in again to see whether manager.conf was corrected. */
    static final long RECHECK_MS = 60_000;

    private final Vertx vertx;
    private final Readiness readiness;
    private final String component;
    private final String pbxId;
    private final String where;
    private final Runnable relogin;
    private final Map<String, String> problems = new TreeMap<>();
    private boolean up;
    private long recheckTimer = -1;

    LinkHealth(Vertx vertx, Readiness readiness, String pbxId, String host, int port, Runnable relogin) {
        this.vertx = vertx;
        this.readiness = readiness;
        this.component = "ami:" + pbxId;
        this.pbxId = pbxId;
        this.where = "connected to " + host + ":" + port;
        this.relogin = relogin;
        readiness.report(component, false, "not connected yet");
    }

    /** Not connected (or not logged in, or Asterisk not booted): /ready says why. */
    void down(String why) {
        up = false;
        readiness.report(component, false, why);
    }

    /** Connected and booted: up, unless a problem is set. */
    void up() {
        up = true;
        report();
    }

    /** Sets or (with null) clears a problem. */
    void problem(String key, String detail) {
        String before = problems.get(key);
        if (detail == null) {
            problems.remove(key);
        } else {
            problems.put(key, detail);
            if (!detail.equals(before)) {
                LOG.error("AMI {}: {}", pbxId, detail);
            }
        }
        report();
        if (!problems.isEmpty() && recheckTimer < 0) {
            recheckTimer = vertx.setTimer(RECHECK_MS, t -> {
                recheckTimer = -1;
                if (!problems.isEmpty()) {
                    relogin.run();
                }
            });
        }
    }

    Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    /** The link stopped for good or was handed over: no more re-logins. */
    void stop() {
        if (recheckTimer >= 0) {
            vertx.cancelTimer(recheckTimer);
            recheckTimer = -1;
        }
    }

    private void report() {
        if (!up) {
            return;
        }
        if (problems.isEmpty()) {
            readiness.report(component, true, where);
        } else {
            readiness.report(component, false, where + ", but: " + String.join("; ", problems.values()));
        }
    }
}
