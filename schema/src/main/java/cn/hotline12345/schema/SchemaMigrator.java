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
}
