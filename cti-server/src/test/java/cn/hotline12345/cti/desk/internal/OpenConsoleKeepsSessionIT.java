package cn.hotline12345.cti.desk.internal;


import cn.hotline12345.cti.testing.WsProbe;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.cti.desk.DeskModule;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent waiting for calls makes no HTTP request: the open console WebSocket is what says the session is in
 * use. Found by the soak benchmark (all 500 consoles were closed by the 30-minute idle limit).
 */
@ExtendWith(PostgresExtension.class)
class OpenConsoleKeepsSessionIT {

    @Test
    void aSessionWithAnOpenConsoleOutlivesTheIdleLimitAndOneWithoutDoesNot(TestDatabase db) throws Exception {
        AuthSettings shortIdle = new AuthSettings(false, Duration.ofSeconds(2), Duration.ofHours(1), 100, 5, 20,
                Duration.ofMinutes(5));
        try (WebFixture web = new WebFixture(db, shortIdle, DeskModule.DEFAULT_MAX_PENDING_FRAMES,
                new DefaultScreenPopEnricher(), List.of())) {
            WebClientSession waiting = web.client().login("agent1");
            WebClientSession away = web.client().login("agent2");
            try (WsProbe console = WsProbe.connect(web.vertx, web.port, "/ws/console", web.origin(), waiting.sessionId)) {
                console.awaitType("hello", null);
                Instant lastUse = Instant.now();
                // let the idle limit pass for both sessions (the clock is the system's), sweeping often as the server's
                // minute timer does against its 30-minute limit
                Http.await("idle limit passed", Duration.ofSeconds(10), () -> {
                    web.module.sweepSessions();
                    return Instant.now().isAfter(lastUse.plusMillis(3_000));
                });

                assertThat(console.closeCode).as("the waiting agent's console stays open").isNull();
                assertThat(waiting.get("/api/auth/me").statusCode()).isEqualTo(200);
                assertThat(away.get("/api/auth/me").statusCode()).as("no socket, no request: ended").isEqualTo(401);

                // once the console is closed, the session is idle again and ends at the next sweep after the limit
                console.close();
                Http.await("socket gone from the registry", Duration.ofSeconds(5),
                        () -> web.module.sockets().consoleCount() == 0);
                Instant closed = Instant.now();
                Http.await("idle limit passed again", Duration.ofSeconds(10),
                        () -> Instant.now().isAfter(closed.plusMillis(3_000)));
                web.module.sweepSessions();
                assertThat(waiting.get("/api/auth/me").statusCode()).isEqualTo(401);
            }
        }
    }
}
