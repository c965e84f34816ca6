package cn.hotline12345.schema.codegen;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates the jOOQ classes from the Flyway migrations against a real (embedded) PostgreSQL.
 *
 * <p>Why not jOOQ's DDLDatabase: it interprets the scripts through H2, which rejects ordinary
 * PostgreSQL (gin_trgm indexes, jsonb) and produces types PostgreSQL does not have. Running the real
 * server costs about five seconds of the build and yields exactly the database the server will see.
 *
 * <p>Arguments: {@code <migrations dir> <output dir> <package>}.
 */
public final class GenerateJooq {

    private GenerateJooq() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: GenerateJooq <migrations dir> <output dir> <package>");
            System.exit(2);
        }
        Path migrations = Path.of(args[0]).toAbsolutePath();
        Path output = Path.of(args[1]).toAbsolutePath();
        String packageName = args[2];
        if (!Files.isDirectory(migrations)) {
            throw new IllegalArgumentException("migrations directory not found: " + migrations);
        }
        Path dataDir = Files.createTempDirectory("jooq-codegen-pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true).start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            Flyway.configure()
                    .dataSource(url, "postgres", "postgres")
                    .locations("filesystem:" + migrations)
                    .load()
                    .migrate();
            Configuration configuration = new Configuration()
                    .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url)
                            .withUser("postgres").withPassword("postgres"))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    .withIncludes(".*")
                                    .withExcludes("flyway_schema_history")
                                    .withIncludeRoutines(false))
                            .withGenerate(new Generate()
                                    .withRecords(true)
                                    .withPojos(false)
                                    .withDeprecated(false)
                                    .withGeneratedAnnotation(false))
                            .withTarget(new Target()
                                    .withPackageName(packageName)
                                    .withDirectory(output.toString())
                                    .withClean(true)));
            GenerationTool.generate(configuration);
        }
    }
}
