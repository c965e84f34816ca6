package cn.hotline12345.pbxsim.media;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The media end against real headless Chromium WebRTC (pbx-sim runs surefire only, hence a *Test that skips
 * without Chromium). A page served by Vert.x on 127.0.0.1 (a secure context, so getUserMedia works with the fake
 * microphone) is the far end, both ways round: it answers our offer, and it offers to us. Chromium's own
 * getStats() is the judge of what arrives at the browser; {@link MediaEnd#stats()} of what arrives at us.
 */
class MediaEndBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static Vertx vertx;
    private static WebDriver page;
    private static String host;

    @BeforeAll
    static void browser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "no chromium: browser test skipped");
        String html;
        try (InputStream in = MediaEndBrowserTest.class.getResourceAsStream("/media/peer.html")) {
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        vertx = Vertx.vertx();
        HttpServer http = vertx.createHttpServer().requestHandler(req -> req.response()
                .putHeader("content-type", "text/html; charset=utf-8").end(html));
        int port = http.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
        Path profile = Files.createTempDirectory("chromium-media");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                // a fake microphone (a beep) allowed without asking; host ICE candidates as IPs, not mDNS names
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required", "--disable-features=WebRtcHideLocalIpsWithMdns");
        page = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        page.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        page.get("http://127.0.0.1:" + port + "/");
        // -Dmedia.test.host=127.0.0.1 runs it on loopback (it passes there too)
        host = System.getProperty("media.test.host", hostAddress());
    }

    @AfterAll
    static void quit() {
        if (page != null) {
            page.quit();
        }
        if (vertx != null) {
            vertx.close();
        }
    }

    /** Chromium gathers no loopback candidates, so the media end binds the host's own IPv4 address when it has one. */
    private static String hostAddress() throws Exception {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp() && !ni.isLoopback()) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        }
        return "127.0.0.1";
    }

    @Test
    void weOfferThePageAnswersVoiceBothWaysDtmfOnceEachHoldResumeAndCloseStopsIt() throws Exception {
        List<Character> keys = new CopyOnWriteArrayList<>();
        try (MediaEnd media = MediaEnd.open(host, Voice.citizen(0))) {
            media.onDtmf(keys::add);
            String offer = media.offer();
            String answer = call("answerOffer", offer, null);
            assertThat(answer).contains("a=setup:active");
            media.answer(answer);

            voiceArrivesBothWays(media);

            // RTCDTMFSender: '5' then '#', 100 ms each; every key reported once although each event ends in 3 packets
            js("dtmf('5#'); return 'ok';");
            await("both keys", () -> keys.size() >= 2);
            await("the page's DTMF sender done", () -> ((List<?>) js("return window.tones;")).contains(""));
            long after = media.stats().packetsReceived();
            await("more audio after the last tone", () -> media.stats().packetsReceived() > after + 10);
            assertThat(keys).containsExactly('5', '#');

            holdAndResume(media);

            // close(): the page sees our packets stop, and everything of the media end is gone
            media.close();
            awaitStopped("the page receives nothing more after close()");
            await("threads ended", media::terminated);
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(host, media.port()))) {
                assertThat(again.getLocalPort()).isEqualTo(media.port());
            }
            media.close(); // idempotent
        }
    }

    @Test
    void thePageOffersWeAcceptAsPassiveAndVoiceFlowsBothWays() throws Exception {
        String offer = call("makeOffer", null, null);
        List<Character> keys = new CopyOnWriteArrayList<>();
        try (MediaEnd media = MediaEnd.accept(host, Voice.citizen(1), offer)) {
            media.onDtmf(keys::add);
            assertThat(media.offer()).isNull();
            String answer = media.answerSdp();
            assertThat(answer).contains("a=setup:passive", "a=ice-lite", "m=audio " + media.port() + " UDP/TLS/RTP/SAVPF 0");
            assertThat(call("applyAnswer", answer, null)).isEqualTo("ok");

            voiceArrivesBothWays(media);
            js("dtmf('7'); return 'ok';");
            await("the key", () -> keys.size() >= 1);
            holdAndResume(media);
            assertThat(keys).containsExactly('7');
        }
    }

    @Test
    void thePageAsDtlsServerWeTheClient() throws Exception {
        try (MediaEnd media = MediaEnd.open(host, Voice.tone())) {
            // the page's answer munged to a=setup:passive, so that we are the DTLS client
            String answer = call("answerOffer", media.offer(), List.of("a=setup:active", "a=setup:passive"));
            assertThat(answer).contains("a=setup:passive");
            media.answer(answer);
            voiceArrivesBothWays(media);
        }
    }

    @Test
    void aTamperedFingerprintGivesNoMediaAndSaysWhy() throws Exception {
        try (MediaEnd media = MediaEnd.open(host, Voice.citizen(2))) {
            String answer = call("answerOffer", media.offer(), null);
            int at = answer.indexOf("a=fingerprint:sha-256 ") + "a=fingerprint:sha-256 ".length();
            char c = answer.charAt(at);
            String tampered = answer.substring(0, at) + (c == 'A' ? 'B' : 'A') + answer.substring(at + 1);
            media.answer(tampered);
            await("the mismatch reported", () -> media.stats().lastError() != null);
            Stats s = media.stats();
            assertThat(s.lastError()).contains("fingerprint");
            assertThat(s.dtlsConnected()).isFalse();
            assertThat(s.packetsSent()).isZero();
            assertThat(s.packetsReceived()).isZero();
            assertThat(s.stunAnswered()).isPositive(); // ICE got through: it is the certificate that stopped media
            assertThat(((Number) inbound().get("bytesReceived")).longValue()).isZero();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private void voiceArrivesBothWays(MediaEnd media) {
        await("DTLS connected", () -> media.stats().dtlsConnected());
        long first = bytesReceived();
        await("our voice arrives at the page with a level", () -> bytesReceived() > first + 8_000
                && ((Number) inbound().get("audioLevel")).doubleValue() > 0);
        long got = media.stats().packetsReceived();
        await("the page's microphone arrives at us, authenticated", () -> media.stats().packetsReceived() > got + 25);
        assertThat(media.stats().rejected()).isZero();
        assertThat(media.stats().lastError()).isNull();
    }

    private void holdAndResume(MediaEnd media) {
        // hold from the page: it offers sendonly, we answer recvonly and stop sending
        String hold = media.reoffer(call("reoffer", "sendonly", null));
        assertThat(hold).contains("a=recvonly").doesNotContain("a=sendrecv");
        assertThat(call("applyAnswer", hold, null)).isEqualTo("ok");
        awaitStopped("the page receives nothing while it holds us");
        long sent = media.stats().packetsSent();
        long got = media.stats().packetsReceived();
        await("the page still sends while holding", () -> media.stats().packetsReceived() > got + 25);
        assertThat(media.stats().packetsSent()).isEqualTo(sent);
        // resume
        String resume = media.reoffer(call("reoffer", "sendrecv", null));
        assertThat(resume).contains("a=sendrecv");
        assertThat(call("applyAnswer", resume, null)).isEqualTo("ok");
        long before = bytesReceived();
        await("our voice again after resume", () -> bytesReceived() > before + 8_000);
    }

    /** Waits until the page's bytesReceived holds still across a whole second of polls (then it has stopped). */
    private void awaitStopped(String what) {
        long[] last = {bytesReceived()};
        long[] since = {System.nanoTime()};
        await(what, () -> {
            long now = bytesReceived();
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - since[0] > TimeUnit.SECONDS.toNanos(1);
        });
    }

    private long bytesReceived() {
        return ((Number) inbound().get("bytesReceived")).longValue();
    }

    private Map<?, ?> inbound() {
        Object r = ((JavascriptExecutor) page).executeAsyncScript("run(inbound, [], arguments[arguments.length - 1]);");
        assertThat(r).isInstanceOf(Map.class);
        return (Map<?, ?>) r;
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) page).executeScript(script);
    }

    private static String call(String fn, Object arg, Object arg2) {
        List<Object> args = new ArrayList<>();
        if (arg != null) {
            args.add(arg);
        }
        if (arg2 != null) {
            args.add(arg2);
        }
        Object r = ((JavascriptExecutor) page).executeAsyncScript(
                "run(" + fn + ", Array.prototype.slice.call(arguments, 0, arguments.length - 1), arguments[arguments.length - 1]);",
                args.toArray());
        assertThat(r).as(fn).isInstanceOf(String.class);
        assertThat((String) r).as(fn).doesNotStartWith("ERR");
        return (String) r;
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(50); // polling interval of the wait, not a wait for time to pass
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    @SuppressWarnings("unused")
    private static <T> T value(Supplier<T> s) {
        return s.get();
    }
}
