package cn.hotline12345.cti.testing;

import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.schema.testing.TestDatabase;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;

/** The whole server on loopback for end-to-end tests: fixed free ports, the test database, a pbx-sim AMI port. */
public final class ServerConfigs {

    private ServerConfigs() {
    }

    /** The environment of such a server (also for a server started in a separate JVM). */
    public static Map<String, String> env(TestDatabase db, int httpPort, int agiPort, int amiPort) {
        try {
            return Map.ofEntries(
                    Map.entry("CTI_DB_URL", db.url()), Map.entry("CTI_DB_USER", db.user()),
                    Map.entry("CTI_DB_PASSWORD", db.password()),
                    Map.entry("CTI_HTTP_HOST", "127.0.0.1"), Map.entry("CTI_HTTP_PORT", Integer.toString(httpPort)),
                    Map.entry("CTI_HTTP_ALLOWED_ORIGINS", origin(httpPort)),
                    Map.entry("CTI_AGI_HOST", "127.0.0.1"), Map.entry("CTI_AGI_PORT", Integer.toString(agiPort)),
                    Map.entry("CTI_AMI_PORT", Integer.toString(amiPort)),
                    Map.entry("CTI_DATABASE_JOURNAL_DIR", Files.createTempDirectory("cti-journal").toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CtiConfig config(TestDatabase db, int httpPort, int agiPort, int amiPort) {
        return new ConfigLoader(env(db, httpPort, agiPort, amiPort)).load(null);
    }

    /** The console's origin for that HTTP port (on the allow-list of {@link #env}). */
    public static String origin(int httpPort) {
        return "http://127.0.0.1:" + httpPort;
    }

    /** A port free now (for servers whose port must be known before they start). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
