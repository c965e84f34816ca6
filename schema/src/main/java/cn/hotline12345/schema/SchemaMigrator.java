package cn.hotline12345.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * Applies the migrations under {@code classpath:db/migration} to a database.
 *
 * <p>The same scripts generate the jOOQ classes at build time, so code and database cannot drift
 * apart without the schema test noticing.
 */
public final class SchemaMigrator {

    /** Where the migrations live on the classpath. */
    public static final String LOCATION = "classpath:db/migration";

    private SchemaMigrator() {
    }

    /**
     * Migrates the database to the newest version.
     *
     * @return how many migrations were applied now (0 when it was already current)
     */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    /** The demo users' script (classpath), run by demo mode only: never a migration (issue 20 item 4). */
    public static final String DEMO_USERS = "db/demo/demo_users.sql";

    /**
     * Inserts the demo users of {@code cti-server demo} and the tests (password {@code Demo-12345!}, see the README),
     * or enables them again; leaves alone an account of the same name that is not a demo user. Never call it for a
     * real deployment: `run` disables demo users at start.
     *
     * @return the demo users now active
     */
    public static int seedDemoUsers(DataSource dataSource) {
        String sql;
        try (java.io.InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(DEMO_USERS)) {
            if (in == null) {
                throw new IllegalStateException(DEMO_USERS + " is not on the classpath");
            }
            sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
            try (java.sql.ResultSet rs = st.executeQuery("select count(*) from app_user where demo and active")) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot seed the demo users: " + e.getMessage(), e);
        }
    }
}
