package cn.hotline12345.cti.deploy;

import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21: Asterisk's database role may insert its call records (asterisk.cel, asterisk.queue_log) and nothing
 * else. The role is made as docker/postgres/initdb/10-asterisk-role.sh makes it, given its rights by the grant block
 * of migration V80 (run again here: the test database was migrated before the role existed), and then attacks.
 */
@ExtendWith(PostgresExtension.class)
class AsteriskRoleIT {

    @Test
    void asteriskMayInsertItsRecordsAndNothingElse(TestDatabase db) throws Exception {
        String v80 = Files.readString(Path.of("../schema/src/main/resources/db/migration/V80__asterisk_cel_queue_log.sql"),
                StandardCharsets.UTF_8);
        String grants = v80.substring(v80.indexOf("do $$"));
        try (Connection owner = db.dataSource().getConnection(); Statement st = owner.createStatement()) {
            st.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'asterisk') then "
                    + "create role asterisk login password 'asterisk-test-pw' nosuperuser nocreatedb nocreaterole noinherit; "
                    + "end if; end $$");
            st.execute(grants);
        }
        Properties p = new Properties();
        p.setProperty("user", "asterisk");
        p.setProperty("password", "asterisk-test-pw");
        p.setProperty("ApplicationName", "pbx7");
        // the test database's URL may name its owner (?user=postgres), which would win over these properties
        String url = db.url().contains("?") ? db.url().substring(0, db.url().indexOf('?')) : db.url();
        try (Connection a = DriverManager.getConnection(url, p); Statement st = a.createStatement()) {
            try (ResultSet who = st.executeQuery("select current_user")) {
                assertThat(who.next()).isTrue();
                assertThat(who.getString(1)).as("the attacks run as Asterisk's role").isEqualTo("asterisk");
            }
            // what cel_pgsql and res_config_pgsql send (text values, DEFAULT for columns they do not know)
            st.execute("INSERT INTO asterisk.cel (\"eventtype\",\"eventtime\",\"uniqueid\",\"linkedid\",\"extra\",\"id\",\"pbx_id\") "
                    + "VALUES ('CHAN_START','2026-12-06 02:00:00.000001','1.1','1.1','',DEFAULT,DEFAULT)");
            st.execute("INSERT INTO asterisk.queue_log (time, callid, queuename, agent, event, data1, data2, data3, data4, data5) "
                    + "VALUES ('2026-12-06 02:00:01.000000', '1.1', 'q-general', 'NONE', 'ENTERQUEUE', '', '13800138000', '1', '', '')");
            List<String> allowed = new java.util.ArrayList<>();
            for (String attack : List.of("select * from asterisk.cel", "select * from asterisk.queue_log",
                    "update asterisk.cel set extra = 'x'", "delete from asterisk.queue_log", "truncate asterisk.cel",
                    "select * from call", "select * from app_user", "insert into call (pbx_id, linkedid, started_at) values ('p','l',now())",
                    "create table asterisk.evil (x int)", "create table public.evil (x int)", "drop table asterisk.cel",
                    "alter table asterisk.cel add column evil text")) {
                try {
                    st.execute(attack);
                    allowed.add(attack);
                } catch (SQLException e) {
                    // 42501 insufficient_privilege
                    assertThat(e.getSQLState()).as(attack + ": " + e.getMessage()).isEqualTo("42501");
                }
            }
            assertThat(allowed).as("statements role asterisk could run").isEmpty();
        }
        try (Connection owner = db.dataSource().getConnection(); Statement st = owner.createStatement();
             ResultSet rs = st.executeQuery("select pbx_id, eventtime from asterisk.cel where uniqueid = '1.1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("tagged by application_name").isEqualTo("pbx7");
            assertThat(rs.getString(2)).startsWith("2026-12-06 02:00:00");
        }
    }
}
