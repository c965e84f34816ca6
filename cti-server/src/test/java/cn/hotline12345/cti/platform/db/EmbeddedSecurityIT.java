package cn.hotline12345.cti.platform.db;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.schema.SchemaMigrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL trusts nobody (issue 20 item 8): passwords drawn at the first start and kept 0600 with the
 * data, SCRAM for every connection, and the server works as a role that is no superuser and owns only its database.
 * An older server's data directory (trust, tables in the superuser's database) is converted at its first start.
 *
 * <p>Seen failing before the fix: {@code pg_hba.conf} held {@code host all all 127.0.0.1/32 trust}, a connection as
 * {@code postgres} with no password succeeded, and the server's own connection was superuser.
 */
class EmbeddedSecurityIT {

    private static CtiConfig.Database embedded(Path dir) {
        return new CtiConfig.Database(CtiConfig.Database.Mode.EMBEDDED, dir, 0, null, null, null, 2, dir.resolveSibling("journal"));
    }

    private static List<String> hbaRules(Path dataDir) throws Exception {
        return Files.readAllLines(dataDir.resolve("pg_hba.conf")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aNewDataDirectoryHasPasswordsOnlyAndTheServerIsNoSuperuser(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("pg");
        int port;
        try (DatabaseRuntime db = DatabaseRuntime.start(embedded(data), null)) {
            port = db.embeddedPort();
            assertThat(hbaRules(data)).isNotEmpty().allSatisfy(l -> assertThat(l).endsWith("scram-sha-256")
                    .doesNotContain("trust"));
            Path secrets = data.resolve(EmbeddedCredentials.FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            // nobody gets in without the password, not even as the superuser
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(url.replace("/postgres", "/hotline"), "cti", "wrong"))
                    .isInstanceOf(SQLException.class);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                assertThat(one(c, "select current_user")).isEqualTo("cti");
                assertThat(one(c, "select current_database()")).isEqualTo("hotline");
                assertThat(one(c, "select rolsuper::text || rolcreatedb::text || rolcreaterole::text from pg_roles"
                        + " where rolname = current_user")).isEqualTo("falsefalsefalse");
                assertThat(one(c, "select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'public'"))
                        .isIn("cti", "pg_database_owner");
                assertThat(one(c, "select tableowner from pg_tables where tablename = 'app_user'")).isEqualTo("cti");
                for (String forbidden : List.of("create database other", "create role intruder superuser",
                        "select * from pg_authid", "alter system set fsync = off")) {
                    assertThatThrownBy(() -> s.execute(forbidden)).as(forbidden).isInstanceOf(SQLException.class)
                            .hasMessageContaining("denied");
                }
                s.execute("insert into handling_unit (id, name, level) values ('probe-unit', '探针单位', 'city')");
            }
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));
        }
        // a restart reads the passwords back (and narrows the file again); the data is there
        try (DatabaseRuntime db = DatabaseRuntime.start(embedded(data), null);
             Connection c = db.dataSource().getConnection()) {
            assertThat(one(c, "select name from handling_unit where id = 'probe-unit'")).isEqualTo("探针单位");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(EmbeddedCredentials.FILE))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void anOlderTrustingDataDirectoryIsConvertedInPlaceAndKeepsItsData(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("pg");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start()) {
            SchemaMigrator.migrate(old.getPostgresDatabase());
            try (Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("insert into handling_unit (id, name, level) values ('old-unit', '旧单位', 'city')");
            }
        }
        assertThat(String.join("\n", hbaRules(data))).contains("trust");
        try (DatabaseRuntime db = DatabaseRuntime.start(embedded(data), null);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThat(hbaRules(data)).allSatisfy(l -> assertThat(l).doesNotContain("trust"));
            assertThat(one(c, "select current_user")).isEqualTo("cti");
            assertThat(one(c, "select rolsuper::text from pg_roles where rolname = current_user")).isEqualTo("false");
            assertThat(one(c, "select name from handling_unit where id = 'old-unit'")).isEqualTo("旧单位");
            s.execute("insert into handling_unit (id, name, level) values ('new-unit', '新单位', 'city')");
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.embeddedPort()
                    + "/postgres", "postgres", "")).isInstanceOf(SQLException.class);
        }
    }
}
