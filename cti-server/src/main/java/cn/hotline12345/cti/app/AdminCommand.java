package cn.hotline12345.cti.app;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.DatabaseRuntime;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.user.api.NewUser;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.api.User;
import cn.hotline12345.cti.user.internal.PasswordHasher;
import cn.hotline12345.cti.user.internal.UserRepository;
import io.vertx.core.Vertx;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * {@code cti-server create-admin --username NAME [--display-name NAME]}: creates an administrator in the configured
 * database (migrating it first), the password read from the first line of standard input so it never appears in a
 * process list or a shell history (issue 20 item 4). The other way to a first administrator is the one-time setup
 * token that {@code run} prints. With the embedded database, stop the server first (the data directory is locked).
 */
final class AdminCommand {

    private AdminCommand() {
    }

    static int createAdmin(CtiConfig config, String username, String displayName, InputStream in, PrintStream out,
                           PrintStream err) {
        if (username == null) {
            err.println("create-admin: --username NAME is required (the password is read from standard input)");
            return 2;
        }
        String password;
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? null : line.strip();
        } catch (java.io.IOException e) {
            err.println("create-admin: cannot read the password from standard input: " + e.getMessage());
            return 2;
        }
        NewUser admin;
        try {
            admin = new NewUser(username, displayName == null ? username : displayName, password, Role.ADMIN, null, null,
                    false);
        } catch (IllegalArgumentException e) {
            err.println("create-admin: " + e.getMessage());
            return 2;
        }
        String hash = new PasswordHasher().hash(admin.password());
        try (DatabaseRuntime database = DatabaseRuntime.start(config.database(), null)) {
            Vertx vertx = Vertx.vertx();
            Db db = new Db(vertx, database.dataSource(), 1);
            try {
                User u = new UserRepository(db).insert(admin, hash).await(30, TimeUnit.SECONDS);
                out.println("administrator " + u.username() + " created (id " + u.id() + ")");
                return 0;
            } catch (IllegalArgumentException e) {
                err.println("create-admin: " + e.getMessage());
                return 1;
            } finally {
                db.close();
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            err.println("create-admin failed: " + e.getMessage());
            return 1;
        }
    }
}
