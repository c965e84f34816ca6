package cn.hotline12345.cti.platform.db;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;

/**
 * The embedded PostgreSQL's passwords and roles (issue 20 item 8: its {@code pg_hba.conf} said
 * {@code host all all 127.0.0.1/32 trust}, so any local user was database superuser).
 *
 * <p>On the first start two random passwords are drawn: one for the superuser {@code postgres} (only the server's
 * start-up uses it) and one for the role the server works as, {@code cti}, which is no superuser, cannot create
 * roles or databases, and owns exactly one database ({@code hotline}) and so its schema. They are kept in
 * {@value #FILE} inside the data directory, readable by its owner only (0600), next to the data they guard: copy
 * the directory and you copy the key, as with PostgreSQL's own files. {@code pg_hba.conf} is rewritten at every start
 * to password (SCRAM-SHA-256) authentication only. A data directory made by an older server (trust, no such file)
 * is converted in place at its first start: passwords set, the role made and given the existing tables, trust
 * removed.
 */
final class EmbeddedCredentials {

    /** The file, in the data directory. */
    static final String FILE = "cti-credentials.properties";
    static final String SUPERUSER = "postgres";
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** What {@code pg_hba.conf} says after every start: nobody is trusted, every connection gives its password. */
    static final String HBA = """
            # Written by cti-server at every start (docs/security.md): password authentication only, no trust.
            # TYPE  DATABASE  USER  ADDRESS        METHOD
            local   all       all                  scram-sha-256
            host    all       all   127.0.0.1/32   scram-sha-256
            host    all       all   ::1/128        scram-sha-256
            """;

    final String superPassword;
    final String appUser;
    final String appPassword;
    final String database;

    private EmbeddedCredentials(String superPassword, String appUser, String appPassword, String database) {
        this.superPassword = superPassword;
        this.appUser = appUser;
        this.appPassword = appPassword;
        this.database = database;
    }

    /** New passwords for a new (or converted) data directory; the server's database is {@code database}. */
    static EmbeddedCredentials generate(String database) {
        return new EmbeddedCredentials(random(), "cti", random(), database);
    }

    static boolean exist(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve(FILE));
    }

    /** Reads the file, first narrowing its permissions to the owner if something widened them. */
    static EmbeddedCredentials read(Path dataDir) {
        Path f = dataDir.resolve(FILE);
        try {
            ownerOnly(f);
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            String su = p.getProperty("superuserPassword");
            String user = p.getProperty("appUser");
            String pw = p.getProperty("appPassword");
            String db = p.getProperty("database");
            if (su == null || user == null || pw == null || db == null || !user.matches("[a-z_][a-z0-9_]{0,62}")
                    || !db.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalStateException(f.toAbsolutePath() + " is incomplete or damaged");
            }
            return new EmbeddedCredentials(su, user, pw, db);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f.toAbsolutePath(), e);
        }
    }

    /** Writes the file (0600 from its creation: never readable by others, not even for a moment). */
    void write(Path dataDir) {
        Path f = dataDir.resolve(FILE);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            if (posix()) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(tmp);
            }
            Properties p = new Properties();
            p.setProperty("superuserPassword", superPassword);
            p.setProperty("appUser", appUser);
            p.setProperty("appPassword", appPassword);
            p.setProperty("database", database);
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
                p.store(w, "cti-server: the embedded PostgreSQL's passwords. Owner-only (0600); keep with this directory.");
            }
            Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f.toAbsolutePath(), e);
        }
    }

    /** A file holding only the superuser password, for {@code initdb --pwfile} (0600, deleted by the caller). */
    Path pwfile() {
        try {
            Path f = posix() ? Files.createTempFile("cti-pg-", ".pw", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile("cti-pg-", ".pw");
            Files.writeString(f, superPassword + "\n", StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the initdb password file", e);
        }
    }

    static void writeHba(Path dataDir) {
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve("pg_hba.conf").toAbsolutePath(), e);
        }
    }

    /**
     * Makes sure the role and its database exist with these passwords (idempotent: runs at every start, so a start
     * interrupted after {@code initdb} finishes the job next time). {@code superUrl} reaches the {@code postgres}
     * database as the superuser.
     */
    void provision(String superUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(superUrl, SUPERUSER, superPassword); Statement s = c.createStatement()) {
            s.execute("alter role " + SUPERUSER + " password '" + superPassword + "'");
            boolean role;
            try (ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = '" + appUser + "'")) {
                role = rs.next();
            }
            s.execute((role ? "alter" : "create") + " role " + appUser + " login nosuperuser nocreatedb nocreaterole"
                    + " noreplication nobypassrls password '" + appPassword + "'");
            boolean db;
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                db = rs.next();
            }
            if (!db) {
                s.execute("create database " + database + " owner " + appUser + " encoding 'UTF8'");
            } else {
                s.execute("alter database " + database + " owner to " + appUser);
            }
            // nobody else may even connect to it (roles are cluster-wide; the database is the server's alone)
            s.execute("revoke all on database " + database + " from public");
        }
    }

    /**
     * A data directory of an older server kept its tables in the superuser's {@code postgres} database: hand them
     * (and that database) to the role, so the server can go on working as it.
     */
    void adoptLegacyTables(String superUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(superUrl, SUPERUSER, superPassword); Statement s = c.createStatement()) {
            s.execute("alter schema public owner to " + appUser);
            // the role name is checked ([a-z_][a-z0-9_]*) when it is read: safe to put into the statement
            s.execute("""
                    do $$
                    declare r record;
                    begin
                        for r in select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                                 where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')
                                   and not exists (select 1 from pg_depend d where d.objid = c.oid
                                                   and d.deptype in ('e', 'a', 'i'))
                        loop
                            execute format('alter %s public.%I owner to APP_ROLE',
                                case r.relkind when 'S' then 'sequence' when 'v' then 'view'
                                               when 'm' then 'materialized view' else 'table' end, r.relname);
                        end loop;
                    end $$""".replace("APP_ROLE", appUser));
        }
    }

    static void ownerOnly(Path f) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(f).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(f, OWNER_ONLY);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        // base64url: letters, digits, '-' and '_' only, so it can sit inside a SQL literal as it is
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public String toString() {
        return "EmbeddedCredentials[appUser=" + appUser + ", database=" + database + ", passwords=***]";
    }
}
