package cn.hotline12345.cti.desk.internal;


import cn.hotline12345.cti.desk.api.AgentPhone;
import cn.hotline12345.cti.testing.WsProbe;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console that stops reading is cut at its queue bound (close code 4008, counted) while another agent's
 * pops keep arriving; the laggard can reconnect.
 */
@ExtendWith(PostgresExtension.class)
class SlowConsumerIT {

    private static final int BOUND = 16;

    @Test
    void aClientThatStopsReadingIsCutWhileOthersKeepGettingTheirPops(TestDatabase db) throws Exception {
        try (WebFixture web = new WebFixture(db, AuthSettings.defaults(), BOUND, new DefaultScreenPopEnricher(),
                List.of())) {
            WebClientSession slow = web.client().login("agent1");
            WebClientSession fast = web.client().login("agent2");
            NetClient net = web.vertx.createNetClient(new NetClientOptions().setReceiveBufferSize(4096));
            NetSocket raw = net.connect(web.port, "127.0.0.1").await(10, TimeUnit.SECONDS);
            StringBuilder handshake = new StringBuilder();
            raw.handler(b -> {
                synchronized (handshake) {
                    handshake.append(b.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            });
            raw.write(Buffer.buffer("GET /ws/console HTTP/1.1\r\nHost: 127.0.0.1:" + web.port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nOrigin: " + web.origin() + "\r\nCookie: CTI_SESSION="
                    + slow.sessionId + "\r\n\r\n"));
            Http.await("handshake", Duration.ofSeconds(10), () -> {
                synchronized (handshake) {
                    return handshake.toString().startsWith("HTTP/1.1 101");
                }
            });
            raw.pause(); // from now on the "browser" reads nothing
            Http.await("slow console registered", Duration.ofSeconds(5), () -> web.module.sockets().consoles(new AgentPhone("pbx1", "1001")).size() == 1);

            try (WsProbe other = WsProbe.connect(web.vertx, web.port, "/ws/console", web.origin(), fast.sessionId)) {
                other.awaitType("hello", null);
                int sentToOther = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                int n = 0;
                while (web.module.sockets().slowDisconnects() < 1) {
                    assertThat(System.nanoTime()).as("slow consumer never cut").isLessThan(deadline);
                    for (int i = 0; i < 50; i++) {
                        web.ring("1001", "1800000000." + (n++), "13812345678", "x".repeat(90));
                    }
                    web.ring("1002", "1900000000." + sentToOther, "13900001111", "fast");
                    sentToOther++;
                    int expected = sentToOther;
                    // the other agent's pops keep arriving while the laggard's queue fills
                    Http.await("other agent's pop " + expected, Duration.ofSeconds(5),
                            () -> other.ofType("screen_pop").size() >= expected);
                }
                assertThat(web.metrics.get("cti.ws.slow.disconnects").counter().count()).isEqualTo(1.0);
                assertThat(web.module.sockets().consoles(new AgentPhone("pbx1", "1001"))).isEmpty();
                // after the cut, the other agent still gets pops
                String after = web.ring("1002", "1950000000.1", "13900001111", "fast");
                other.awaitType("screen_pop", after);
                // and the laggard can reconnect and gets its current call again
                try (WsProbe back = WsProbe.connect(web.vertx, web.port, "/ws/console", web.origin(), slow.sessionId)) {
                    back.awaitType("screen_pop", null);
                }
            } finally {
                raw.close();
                net.close();
            }
        }
    }
}
