package cn.hotline12345.cti.app;

import cn.hotline12345.cti.platform.config.ConfigException;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.DatabaseRuntime;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code cti-server [run|demo [--rush-hour]|migrate|check-config|calendar-status|calendar-import FILE
 * [--confirm]] [--config FILE]} and {@code cti-server create-admin --username NAME [--display-name NAME] [--config FILE]}
 * (password on standard input).
 * The config file may also come from {@code CTI_CONFIG}. Exit codes: 0 done, 1 failed at run time,
 * 2 bad command line or configuration. Every slice's settings are bound and checked before anything starts.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command; returns the exit code (blocks for run and demo until the JVM is told to stop). */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, System.in, out, err);
    }

    /** The same, with standard input given (create-admin reads the password from it). */
    static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        String command = "run";
        if (!rest.isEmpty() && !rest.peek().startsWith("-")) {
            command = rest.pop();
        }
        Path configFile = env.containsKey("CTI_CONFIG") ? Path.of(env.get("CTI_CONFIG")) : null;
        List<String> commandArgs = new ArrayList<>();
        Map<String, String> overrides = new HashMap<>(env);
        String username = null;
        String displayName = null;
        while (!rest.isEmpty()) {
            String a = rest.pop();
            if (a.equals("--config") && !rest.isEmpty()) {
                configFile = Path.of(rest.pop());
            } else if (command.equals("demo") && a.equals("--rush-hour")) {
                overrides.put("CTI_DEMO_RUSH_HOUR", "true"); // the same switch as demo.rushHour: true
            } else if (command.equals("calendar-import") && (a.equals("--confirm") || !a.startsWith("-"))) {
                commandArgs.add(a);
            } else if (command.equals("create-admin") && a.equals("--username") && !rest.isEmpty()) {
                username = rest.pop();
            } else if (command.equals("create-admin") && a.equals("--display-name") && !rest.isEmpty()) {
                displayName = rest.pop();
            } else {
                err.println("unknown argument '" + a + "'");
                usage(err);
                return 2;
            }
        }
        CtiConfig config;
        try {
            // demo mode has its own defaults (loopback listeners, ...); a value given in the file or the environment wins
            config = new ConfigLoader(overrides).demoDefaults(command.equals("demo")).load(configFile);
            SliceSettings.check(config);
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return 2;
        }
        switch (command) {
            case "check-config" -> {
                out.println("configuration OK");
                out.println(config);
                return 0;
            }
            case "migrate" -> {
                try (DatabaseRuntime db = DatabaseRuntime.start(config.database(), null)) {
                    out.println("database migrated: " + db.description());
                    return 0;
                } catch (RuntimeException e) {
                    err.println("migration failed: " + e.getMessage());
                    return 1;
                }
            }
            case "calendar-import" -> {
                return CalendarCommand.importFile(config, commandArgs, out, err);
            }
            case "calendar-status" -> {
                return CalendarCommand.status(config, out, err);
            }
            case "create-admin" -> {
                return AdminCommand.createAdmin(config, username, displayName, in, out, err);
            }
            case "run" -> {
                return serve(config, false, err);
            }
            case "demo" -> {
                return serve(config, true, err);
            }
            default -> {
                err.println("unknown command '" + command + "'");
                usage(err);
                return 2;
            }
        }
    }

    private static int serve(CtiConfig config, boolean demo, PrintStream err) {
        CtiServer server;
        try {
            server = demo ? DemoMode.start(config) : CtiServer.start(config);
        } catch (RuntimeException e) {
            err.println("start-up failed: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "cti-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void usage(PrintStream err) {
        err.println("usage: cti-server [run|demo [--rush-hour]|migrate|check-config|calendar-status"
                + "|calendar-import FILE [--confirm]] [--config FILE]");
        err.println("       cti-server create-admin --username NAME [--display-name NAME] [--config FILE]"
                + "   (the password on standard input)");
    }
}
