package cn.hotline12345.cti.platform.db;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.schema.SchemaMigrator;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's PostgreSQL: an embedded server it starts and stops itself (the default, so a new user
 * needs nothing installed), or an external one from a JDBC URL. Migrates with Flyway at start and
 * exposes a HikariCP pool. Blocking: call it from a worker thread or before Vert.x starts serving.
 */
public final class DatabaseRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRuntime.class);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final String description;

    private DatabaseRuntime(EmbeddedPostgres embedded, HikariDataSource pool, String description) {
        this.embedded = embedded;
        this.pool = pool;
        this.description = description;
    }

    /** Starts (embedded) or connects (external), then migrates. */
    public static DatabaseRuntime start(CtiConfig.Database config, MeterRegistry metrics) {
        EmbeddedPostgres embedded = null;
        String url;
        String user;
        String password;
        String description;
        if (config.mode() == CtiConfig.Database.Mode.EMBEDDED) {
            embedded = startEmbedded(config.dataDir(), config.embeddedPort());
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "postgres";
            description = "embedded PostgreSQL in " + config.dataDir().toAbsolutePath() + " on port " + embedded.getPort();
        } else {
            url = config.url();
            user = config.user();
            password = config.password();
            description = "external PostgreSQL " + stripCredentials(url);
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(config.poolSize());
        hc.setPoolName("cti-db");
        hc.setConnectionTimeout(5_000);
        hc.setInitializationFailTimeout(30_000);
        if (metrics != null) {
            hc.setMetricRegistry(metrics);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            throw new IllegalStateException("cannot connect to " + description + ": " + e.getMessage(), e);
        }
        try {
            int applied = SchemaMigrator.migrate(pool);
            LOG.info("database ready: {} ({} migrations applied now)", description, applied);
        } catch (RuntimeException e) {
            pool.close();
            closeQuietly(embedded);
            throw new IllegalStateException("cannot migrate " + description + ": " + e.getMessage(), e);
        }
        return new DatabaseRuntime(embedded, pool, description);
    }

    private static EmbeddedPostgres startEmbedded(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200")
                    // zonky's defaults are for throwaway test databases (fsync, full_page_writes and
                    // synchronous_commit off: an OS crash or power cut can corrupt the cluster or lose commits);
                    // this one holds the hotline's records, so it runs as a production PostgreSQL does
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("synchronous_commit", "on");
            if (port > 0) {
                b.setPort(port);
            }
            return b.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL in " + dataDir.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String stripCredentials(String url) {
        return url.replaceAll("(?i)(password|user)=[^&]*", "$1=***");
    }

    public DataSource dataSource() {
        return pool;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
