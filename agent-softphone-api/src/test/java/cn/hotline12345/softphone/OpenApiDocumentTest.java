package cn.hotline12345.softphone;

import cn.hotline12345.softphone.ws.WsCodecTest;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document parses, is version 3, and names every WebSocket message type the codec knows. */
class OpenApiDocumentTest {

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentIsValidYamlWithThePathsAndMessageTypes() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/openapi/agent-api.yaml")) {
            assertThat(in).isNotNull();
            Map<String, Object> doc = new Yaml().load(in);
            assertThat((String) doc.get("openapi")).startsWith("3.");
            Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
            assertThat(paths).containsKeys("/api/auth/login", "/api/auth/logout", "/api/auth/me", "/api/agent/login",
                    "/api/agent/logout", "/api/agent/pause", "/api/agent/unpause", "/api/agent/wrapup",
                    "/api/agent/dial", "/api/agent/transfer", "/api/agent/hold", "/api/agent/hangup",
                    "/api/wallboard", "/api/admin/users", "/ws/console", "/ws/wallboard");
            Map<String, Object> messages = (Map<String, Object>) doc.get("x-websocket-messages");
            WsCodecTest.samples().forEach(m -> assertThat(messages).containsKey(m.type()));
        }
    }
}
