package cn.hotline12345.cti.bench;

import cn.hotline12345.cti.app.CtiServer;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.testing.RawHttp;
import cn.hotline12345.cti.testing.TestSql;
import cn.hotline12345.schema.SchemaMigrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run.sh attack}: the outside probe of issue 20, repeated against a server, recording what it held.
 * Attacks: a race of 200 parallel guesses at one name (one of them right); a flood of bogus logins spread over many
 * client addresses while a real user logs in; a slowloris (partial request heads from several addresses) while
 * {@code /health} and {@code /ready} are asked; a FastAGI flood (idle sockets from the PBX's address, then real
 * sessions, and a session from a host that is no PBX). Figures, never pass/fail: the tests hold the rules.
 *
 * <p>By default it starts the server itself ({@code run}, the production features, over an embedded PostgreSQL with
 * the demo users as accounts; 127.0.0.1 is a trusted proxy so the flood can come from many addresses). With
 * {@code --http PORT --agi PORT} it attacks a server already running on loopback instead (an older version, say),
 * logging in as {@code agent1} / {@code --password} (default {@code Demo-12345!}).
 *
 * <p>Options: {@code --race 200 --flood 2000 --slowloris 3600 --slow-seconds 15 --agi-idle 5100 --agi-real 5}.
 */
public final class AttackRun {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private AttackRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = Args.parse(args, "agi", "agi-idle", "agi-real", "flood", "http", "password", "race", "slow-seconds", "slowloris");
        int race = Integer.parseInt(opt.getOrDefault("race", "200"));
        int flood = Integer.parseInt(opt.getOrDefault("flood", "2000"));
        int slowloris = Integer.parseInt(opt.getOrDefault("slowloris", "3600"));
        int slowSeconds = Integer.parseInt(opt.getOrDefault("slow-seconds", "15"));
        int agiIdle = Integer.parseInt(opt.getOrDefault("agi-idle", "5100"));
        int agiReal = Integer.parseInt(opt.getOrDefault("agi-real", "5"));
        String password = opt.getOrDefault("password", "Demo-12345!");
        out("# Attack run (issue 20), %s", OffsetDateTime.now());
        out("machine: %d cores, %s %s", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"));
        if (opt.containsKey("http")) {
            int http = Integer.parseInt(opt.get("http"));
            int agi = Integer.parseInt(opt.getOrDefault("agi", "4573"));
            out("target: a running server, HTTP 127.0.0.1:%d, FastAGI 127.0.0.1:%d", http, agi);
            attacks(http, agi, password, race, flood, slowloris, slowSeconds, agiIdle, agiReal);
            return;
        }
        Path dataDir = Files.createTempDirectory("cti-attack-pg");
        TestSql.deleteOnExit(dataDir);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200").start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            SchemaMigrator.migrate(pg.getPostgresDatabase());
            SchemaMigrator.seedDemoUsers(pg.getPostgresDatabase());
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("update app_user set demo = false"); // accounts of this run, not demo users
            }
            int http = freePort();
            int agi = freePort();
            // a simulated Asterisk, so the AMI link is up and /ready can say UP (no calls: the attacks are the load)
            cn.hotline12345.pbxsim.PbxSim sim = cn.hotline12345.pbxsim.PbxSim.builder().amiPort(0)
                    .amiCredentials("cti", "ctisecret").agiTarget("127.0.0.1", agi).seed(1)
                    .queue(cn.hotline12345.pbxsim.QueueConfig.of("q-general", cn.hotline12345.pbxsim.Strategy.RRMEMORY,
                            cn.hotline12345.pbxsim.QueueConfig.Member.of("PJSIP/1001", "坐席 1001")))
                    .agent(cn.hotline12345.pbxsim.AgentSpec.pjsip("1001")).build().startBlocking();
            Map<String, String> env = Map.of("CTI_AMI_PORT", Integer.toString(sim.amiPort()),
                    "CTI_DB_URL", url, "CTI_DB_USER", "postgres", "CTI_DB_PASSWORD", "postgres",
                    "CTI_HTTP_HOST", "127.0.0.1", "CTI_HTTP_PORT", Integer.toString(http),
                    "CTI_AGI_HOST", "127.0.0.1", "CTI_AGI_PORT", Integer.toString(agi),
                    "CTI_HTTP_TRUSTED_PROXIES", "127.0.0.1",
                    "CTI_DATABASE_JOURNAL_DIR", Files.createTempDirectory("cti-attack-journal").toString());
            try (sim; CtiServer server = CtiServer.start(new ConfigLoader(env).load(null))) {
                cn.hotline12345.cti.testing.Http.await("ready (database, AMI link, FastAGI)", Duration.ofSeconds(60),
                        () -> cn.hotline12345.cti.testing.Http.get(http, "/ready").statusCode() == 200);
                out("target: this server (run, production features, defaults of docs/configuration.md), HTTP %d, FastAGI %d",
                        http, agi);
                attacks(http, agi, password, race, flood, slowloris, slowSeconds, agiIdle, agiReal);
                out("");
                out("server meters after the run:");
                String metrics = server.metrics().scrape();
                metrics.lines().filter(l -> !l.startsWith("#") && (l.startsWith("cti_login") || l.startsWith("cti_http_connections")
                        || l.startsWith("cti_agi_sessions_refused") || l.startsWith("cti_sessions"))).forEach(l -> out("    %s", l));
            }
        }
    }

    private static void attacks(int http, int agi, String password, int race, int flood, int slowloris, int slowSeconds,
                                int agiIdle, int agiReal) throws Exception {
        if (race > 0) {
            loginRace(http, password, race);
        }
        if (slowloris > 0) {
            slowloris(http, slowloris, slowSeconds);
        }
        if (agiIdle > 0) {
            agiFlood(agi, agiIdle, agiReal);
        }
        if (flood > 0) {
            // last: its client connections stay open (kept alive) for a while after it
            loginFlood(http, password, flood);
        }
    }

    /** Item 1: many parallel guesses at one name, one of them right. */
    private static void loginRace(int http, String password, int n) throws Exception {
        out("");
        out("## login race: %d parallel logins of agent1 from one address, one with the right password", n);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(login(http, "agent1", i == n / 2 ? password : "wrong-guess-" + i, null));
        }
        out("answers: %s", statuses(all));
    }

    /** Items 5 and 6: bogus logins from many addresses (through the trusted proxy header) while a real user logs in. */
    private static void loginFlood(int http, String password, int n) throws Exception {
        out("");
        out("## login flood: %d parallel bogus logins from %d addresses (X-Forwarded-For), agent2 logging in meanwhile",
                n, Math.min(n, 250));
        // the real user has a browser of their own: a client of its own, not queued behind the flood's
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        long t0 = System.nanoTime();
        HttpResponse<String> warm = login(browser, http, "agent2", password, "203.0.113.20").get(60, TimeUnit.SECONDS);
        out("agent2 before the flood: %d in %.0f ms", warm.statusCode(), (System.nanoTime() - t0) / 1e6);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(login(http, "nobody" + i, "wrong-password", "192.0.2." + (i % 250)));
        }
        long h0 = System.nanoTime();
        int health = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/health"))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        out("/health as the flood arrives: %d in %.0f ms", health, (System.nanoTime() - h0) / 1e6);
        List<Long> ms = new ArrayList<>();
        Map<Integer, Integer> real = new TreeMap<>();
        for (int i = 0; i < 5; i++) {
            long s = System.nanoTime();
            HttpResponse<String> r = login(browser, http, "agent2", password, "203.0.113.20").get(120, TimeUnit.SECONDS);
            ms.add((System.nanoTime() - s) / 1_000_000);
            real.merge(r.statusCode(), 1, Integer::sum);
        }
        long f0 = System.nanoTime();
        Map<Integer, Integer> byStatus = statuses(all);
        out("flood answers: %s (all in within %.1f s of the last real login)", byStatus, (System.nanoTime() - f0) / 1e9);
        out("agent2 during the flood: %s, times %s ms", real, ms);
    }

    /** Item 3: partial request heads from several addresses; /health and /ready from loopback meanwhile. */
    private static void slowloris(int http, int n, int seconds) throws Exception {
        out("");
        int perAddress = Math.max(1, n / 6);
        out("## slowloris: %d connections sending a partial request head, %d from each of 127.0.0.2..127.0.0.7, held %d s",
                n, perAddress, seconds);
        List<Socket> held = new ArrayList<>();
        int failedToConnect = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try {
                Socket s = RawHttp.open(http, "127.0.0." + (2 + i / perAddress % 6));
                s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                s.setSoTimeout(1);
                held.add(s);
            } catch (IOException e) {
                failedToConnect++;
            }
        }
        out("opened %d in %.1f s (%d could not connect)", held.size(), (System.nanoTime() - t0) / 1e9, failedToConnect);
        probeOps(http, "right after opening");
        int[] counts = open(held);
        out("still open at once: %d (closed by the server: %d)", counts[0], counts[1]);
        for (int s = 1; s <= seconds; s++) {
            Thread.sleep(1_000); // a benchmark holding its attack for a while, not a test waiting for a condition
            if (s % 5 == 0) {
                out("  after %d s: still open %d", s, open(held)[0]);
            }
        }
        probeOps(http, "at the end");
        counts = open(held);
        out("still open after %d s: %d of %d", seconds, counts[0], held.size());
        for (Socket s : held) {
            s.close();
        }
    }

    private static void probeOps(int http, String when) {
        for (String path : List.of("/health", "/ready")) {
            long s = System.nanoTime();
            String result;
            try {
                result = String.valueOf(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + path))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            } catch (Exception e) {
                result = e.getClass().getSimpleName();
            }
            out("%s %s: %s in %.0f ms", path, when, result, (System.nanoTime() - s) / 1e6);
        }
    }

    /** [still open, closed] by a 1 ms read on each socket. */
    private static int[] open(List<Socket> sockets) {
        int open = 0;
        int closed = 0;
        byte[] b = new byte[512];
        for (Socket s : sockets) {
            try {
                InputStream in = s.getInputStream();
                if (in.read(b) < 0) {
                    closed++;
                } else {
                    open++;
                }
            } catch (SocketTimeoutException e) {
                open++;
            } catch (IOException e) {
                closed++;
            }
        }
        return new int[] {open, closed};
    }

    /** Item 7: idle sockets from the PBX's own address, real sessions after them, and a session from a stranger. */
    private static void agiFlood(int agi, int idle, int real) throws Exception {
        out("");
        out("## FastAGI flood: %d idle connections from 127.0.0.1 (the PBX's address), then %d real sessions, then one from"
                + " 127.0.0.2 (no PBX) claiming a caller", idle, real);
        List<Socket> idles = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < idle; i++) {
            try {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), agi), 5_000);
                idles.add(s);
            } catch (IOException e) {
                failed++;
            }
        }
        out("opened %d idle (%d could not connect)", idles.size(), failed);
        for (Socket s : idles) {
            s.setSoTimeout(1);
        }
        int served = 0;
        List<Socket> reals = new ArrayList<>();
        for (int i = 0; i < real; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), agi), 5_000);
            reals.add(s);
            sendEnv(s, "hotline", "1700000100." + i, "1380013" + String.format("%04d", i));
            String first = firstCommand(s);
            served += first != null ? 1 : 0;
        }
        out("real sessions that got their first command: %d of %d", served, real);
        Socket stranger = new Socket();
        stranger.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        stranger.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), agi), 5_000);
        sendEnv(stranger, "status", "1700000199.1", "13800138000");
        String got = firstCommand(stranger);
        out("the stranger (127.0.0.2) got: %s", got == null ? "nothing, connection closed" : "'" + got + "'");
        int[] counts = open(idles);
        out("idle connections still open when the real sessions ran: %d", counts[0]);
        for (Socket s : idles) {
            s.close();
        }
        for (Socket s : reals) {
            s.close();
        }
        stranger.close();
    }

    private static void sendEnv(Socket s, String script, String uniqueid, String caller) throws IOException {
        StringBuilder env = new StringBuilder();
        for (String[] kv : new String[][] {{"network", "yes"}, {"network_script", script}, {"request", "agi://x/" + script},
                {"channel", "PJSIP/trunk-0000" + uniqueid.hashCode()}, {"uniqueid", uniqueid}, {"callerid", caller},
                {"calleridname", "市民"}, {"context", "from-pstn"}, {"extension", "12345"}, {"priority", "1"}}) {
            env.append("agi_").append(kv[0]).append(": ").append(kv[1]).append('\n');
        }
        env.append('\n');
        OutputStream out = s.getOutputStream();
        out.write(env.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The first line the server sends within 5 s, or null (closed or silent). */
    private static String firstCommand(Socket s) {
        try {
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.append((char) b);
            }
            return b < 0 && line.length() == 0 ? null : line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static CompletableFuture<HttpResponse<String>> login(int http, String name, String password, String xff) {
        return login(HTTP, http, name, password, xff);
    }

    private static CompletableFuture<HttpResponse<String>> login(HttpClient client, int http, String name, String password,
                                                                 String xff) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/auth/login"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}"));
        if (xff != null) {
            b.header("X-Forwarded-For", xff);
        }
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<Integer, Integer> statuses(List<CompletableFuture<HttpResponse<String>>> all) {
        Map<Integer, Integer> m = new TreeMap<>();
        for (CompletableFuture<HttpResponse<String>> f : all) {
            int status;
            try {
                status = f.get(300, TimeUnit.SECONDS).statusCode();
            } catch (Exception e) {
                status = -1; // no answer (connection refused or reset, timeout)
            }
            m.merge(status, 1, Integer::sum);
        }
        return m;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void out(String format, Object... args) {
        System.out.println(args.length == 0 ? format : String.format(format, args));
        System.out.flush();
    }
}
