package cn.hotline12345.cti.app;

import cn.hotline12345.cti.platform.config.CtiConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code run} tells the operator when the database has no active administrator (issue 20 item 4): a one-time
 * token, printed once, that creates the first administrator through {@code POST /api/setup/admin}; or the
 * {@code create-admin} command. The token is in memory only and dies with the process.
 */
final class FirstStart {

    private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);

    private FirstStart() {
    }

    static void announce(String token, CtiConfig config) {
        String host = "0.0.0.0".equals(config.http().host()) ? "127.0.0.1" : config.http().host();
        LOG.warn("""
                no active administrator: this server starts with a ONE-TIME SETUP. Create the first administrator \
                (the token works once, until this process stops):
                  curl -X POST http://{}:{}/api/setup/admin -H 'Content-Type: application/json' \\
                    -d '{"token":"{}","username":"<name>","displayName":"<名字>","password":"<10+ characters>"}'
                or stop the server and run:  java -jar cti-server.jar create-admin --username <name>  (password on stdin)""",
                host, config.http().port(), token);
    }
}
