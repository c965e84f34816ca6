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
 *
 * <p>The embedded server trusts nobody (issue 20 item 8): passwords drawn on the first start and kept in the data
 * directory (0600), SCRAM-SHA-256 for every connection, and the server works as a role that is no superuser and owns
 * only its own database ({@link EmbeddedCredentials}). It is stopped by {@link #close()} only, never by a JVM hook of
 * its own, so a SIGTERM drains the server before the database goes (item 10).
 */
public final class DatabaseRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRuntime.class);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final String description;
    private final Login login;

    /** How the server logs in to its database. */
    public record Login(String jdbcUrl, String user, String password) {
        @Override
        public String toString() {
            return "Login[" + stripCredentials(jdbcUrl) + ", user=" + user + "]"; // never the password
        }
    }

    private DatabaseRuntime(EmbeddedPostgres embedded, HikariDataSource pool, String description, Login login) {
        this.login = login;
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
            EmbeddedCredentials[] cred = new EmbeddedCredentials[1];
            embedded = startEmbedded(config.dataDir(), config.embeddedPort(), cred);
            url = embedded.getJdbcUrl(cred[0].appUser, cred[0].database);
            user = cred[0].appUser;
            password = cred[0].appPassword;
            description = "embedded PostgreSQL in " + config.dataDir().toAbsolutePath() + " on port " + embedded.getPort()
                    + " (database " + cred[0].database + ", role " + cred[0].appUser + ")";
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
        return new DatabaseRuntime(embedded, pool, description, new Login(url, user, password));
    }

    private static EmbeddedPostgres startEmbedded(Path dataDir, int port, EmbeddedCredentials[] out) {
        Path pwfile = null;
        EmbeddedPostgres pg = null;
        try {
            Files.createDirectories(dataDir);
            boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
            boolean legacy = !fresh && !EmbeddedCredentials.exist(dataDir);
            EmbeddedCredentials cred = fresh ? EmbeddedCredentials.generate("hotline")
                    // an older server's directory keeps its tables where they are: in the postgres database
                    : legacy ? EmbeddedCredentials.generate("postgres") : EmbeddedCredentials.read(dataDir);
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200")
                    // zonky's defaults are for throwaway test databases (fsync, full_page_writes and
                    // synchronous_commit off: an OS crash or power cut can corrupt the cluster or lose commits);
                    // this one holds the hotline's records, so it runs as a production PostgreSQL does
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // the server stops PostgreSQL itself, after it has drained: zonky's own JVM hook stopped it 43 ms
                    // into a SIGTERM, under the IVR's and the call writer's last writes (issue 20 item 10)
                    .setRegisterShutdownHook(false)
                    // zonky checks the start by connecting as the superuser
                    .setConnectConfig("password", cred.superPassword);
            if (fresh) {
                pwfile = cred.pwfile();
                b.setLocaleConfig("pwfile", pwfile.toString())
                        .setLocaleConfig("auth-local", "scram-sha-256")
                        .setLocaleConfig("auth-host", "scram-sha-256");
            }
            b.setDataDirectoryCustomizer(dir -> {
                if (fresh) {
                    // right after initdb, before the server first starts: never a data directory without its key
                    cred.write(dataDir);
                }
                if (!legacy) {
                    EmbeddedCredentials.writeHba(dataDir);
                }
            });
            if (port > 0) {
                b.setPort(port);
            }
            pg = b.start();
            String superUrl = pg.getJdbcUrl(EmbeddedCredentials.SUPERUSER, "postgres");
            cred.provision(superUrl);
            if (legacy) {
                cred.write(dataDir);
                cred.adoptLegacyTables(superUrl);
                EmbeddedCredentials.writeHba(dataDir);
                try (java.sql.Connection c = java.sql.DriverManager.getConnection(superUrl, EmbeddedCredentials.SUPERUSER,
                        cred.superPassword); java.sql.Statement st = c.createStatement()) {
                    st.execute("select pg_reload_conf()");
                }
                LOG.warn("embedded PostgreSQL in {}: converted from trust to password authentication; the server now"
                        + " works as role {} ({} holds the passwords)", dataDir.toAbsolutePath(), cred.appUser,
                        EmbeddedCredentials.FILE);
            }
            out[0] = cred;
            return pg;
        } catch (IOException | java.sql.SQLException | RuntimeException e) {
            closeQuietly(pg);
            throw new IllegalStateException("cannot start embedded PostgreSQL in " + dataDir.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        } finally {
            if (pwfile != null) {
                try {
                    Files.deleteIfExists(pwfile);
                } catch (IOException e) {
                    LOG.warn("cannot delete the temporary password file {}: {}", pwfile, e.getMessage());
                }
            }
        }
    }

    private static String stripCredentials(String url) {
        return url.replaceAll("(?i)(password|user)=[^&]*", "$1=***");
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * The server's own login, for an in-process PBX simulator that writes Asterisk's call records into this database
     * (demo mode only: a real Asterisk has its own role, docker/README.md).
     */
    public Login login() {
        return login;
    }

    public String description() {
        return description;
    }

    /** The embedded server's port, or -1 for an external database. */
    public int embeddedPort() {
        return embedded == null ? -1 : embedded.getPort();
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
