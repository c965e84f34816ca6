package cn.hotline12345.schema.testing;

import cn.hotline12345.schema.SchemaMigrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place tests get PostgreSQL from: {@code CTI_TEST_DB_URL} (with {@code CTI_TEST_DB_USER},
 * {@code CTI_TEST_DB_PASSWORD}) when set, else a Testcontainers PostgreSQL when a Docker engine answers,
 * else an embedded PostgreSQL (real binaries from io.zonky.test).
 *
 * <p>One server is started per test JVM; every test class gets its own freshly migrated database with the demo
 * users as its accounts ({@link SchemaMigrator#seedDemoUsers}, password {@code Demo-12345!}, not marked demo), so
 * classes never see each other's rows. Resolve a {@link TestDatabase} parameter in a test, a
 * constructor or a {@code @BeforeAll} method.
 */
public final class PostgresExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NS).getOrComputeIfAbsent("database",
                key -> createDatabase(server(context)), TestDatabase.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private static Server server(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("server", key -> Server.start(), Server.class);
    }

    private static TestDatabase createDatabase(Server server) {
        if (!server.canCreateDatabases) {
            TestDatabase db = new TestDatabase(server.url, server.user, server.password);
            SchemaMigrator.migrate(db.dataSource());
            seedUsers(db);
            return db;
        }
        String name = "cti_test_" + ProcessHandle.current().pid() + "_" + server.counter.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server.url, server.user, server.password);
             Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new ParameterResolutionException("cannot create test database " + name, e);
        }
        TestDatabase db = new TestDatabase(server.urlFor(name), server.user, server.password);
        SchemaMigrator.migrate(db.dataSource());
        seedUsers(db);
        return db;
    }

    /**
     * The demo users as the tests' accounts: the same names and password, but not marked {@code demo}, so a server
     * the tests start with {@code run} keeps them (a real {@code run} disables demo users at start).
     */
    private static void seedUsers(TestDatabase db) {
        SchemaMigrator.seedDemoUsers(db.dataSource());
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update app_user set demo = false");
        } catch (SQLException e) {
            throw new ParameterResolutionException("cannot seed the test users", e);
        }
    }

    /** The PostgreSQL server behind all test databases of this JVM. */
    static final class Server implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final String url;
        final String user;
        final String password;
        final boolean canCreateDatabases;
        final AtomicInteger counter = new AtomicInteger();
        private final AutoCloseable owned;

        private Server(String url, String user, String password, boolean canCreateDatabases, AutoCloseable owned) {
            this.url = url;
            this.user = user;
            this.password = password;
            this.canCreateDatabases = canCreateDatabases;
            this.owned = owned;
        }

        static Server start() {
            String external = System.getenv("CTI_TEST_DB_URL");
            if (external != null && !external.isBlank()) {
                String user = envOr("CTI_TEST_DB_USER", "postgres");
                String password = envOr("CTI_TEST_DB_PASSWORD", "");
                return new Server(external, user, password, canCreate(external, user, password), null);
            }
            if (dockerAnswers()) {
                PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
                container.start();
                return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(), true,
                        container::stop);
            }
            try {
                Path dir = Files.createTempDirectory("cti-test-pg");
                EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
                return new Server(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", true, pg);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start embedded PostgreSQL", e);
            }
        }

        String urlFor(String database) {
            int slash = url.lastIndexOf('/');
            int query = url.indexOf('?', slash);
            return url.substring(0, slash + 1) + database + (query >= 0 ? url.substring(query) : "");
        }

        private static boolean canCreate(String url, String user, String password) {
            try (Connection c = DriverManager.getConnection(url, user, password);
                 var rs = c.createStatement().executeQuery(
                         "select rolcreatedb or rolsuper from pg_roles where rolname = current_user")) {
                return rs.next() && rs.getBoolean(1);
            } catch (SQLException e) {
                throw new IllegalStateException("CTI_TEST_DB_URL does not answer: " + e.getMessage(), e);
            }
        }

        private static boolean dockerAnswers() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (Throwable e) {
                return false;
            }
        }

        private static String envOr(String name, String fallback) {
            String v = System.getenv(name);
            return v == null ? fallback : v;
        }

        @Override
        public void close() throws Exception {
            if (owned != null) {
                owned.close();
            }
        }
    }
}
