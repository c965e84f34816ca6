package cn.hotline12345.cti.testing;

import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.schema.testing.TestDatabase;

import java.util.HashMap;
import java.util.Map;

/** Configurations for tests: ephemeral ports, the test database, overrides as environment entries. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** A server on ephemeral ports using the given (already migrated) test database. */
    public static CtiConfig forDatabase(TestDatabase db, Map<String, String> overrides) {
        return forDatabase(db, overrides, null);
    }

    /** The same, over a configuration file (e.g. one listing several PBXs); the entries still win. */
    public static CtiConfig forDatabase(TestDatabase db, Map<String, String> overrides, java.nio.file.Path file) {
        Map<String, String> env = new HashMap<>();
        env.put("CTI_DB_URL", db.url());
        env.put("CTI_DB_USER", db.user());
        env.put("CTI_DB_PASSWORD", db.password());
        env.put("CTI_HTTP_PORT", "0");
        env.put("CTI_HTTP_HOST", "127.0.0.1");
        env.put("CTI_AGI_PORT", "0");
        env.put("CTI_AGI_HOST", "127.0.0.1");
        env.put("CTI_DATABASE_POOL_SIZE", "4");
        try {
            env.put("CTI_DATABASE_JOURNAL_DIR", java.nio.file.Files.createTempDirectory("cti-journal").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        env.putAll(overrides);
        return new ConfigLoader(env).load(file);
    }
}
