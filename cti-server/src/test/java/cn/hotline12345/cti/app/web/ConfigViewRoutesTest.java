package cn.hotline12345.cti.app.web;

import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration in effect as the engineer's screen shows it: every section, no secret (issue 24). */
class ConfigViewRoutesTest {

    @Test
    void secretsAreHiddenEverythingElseIsShown() {
        CtiConfig c = new ConfigLoader(Map.of("CTI_AMI_SECRET", "hush-hush-ami", "CTI_DB_PASSWORD", "hush-hush-db",
                "CTI_DB_URL", "jdbc:postgresql://db:5432/cti?user=cti&password=hush-hush-url",
                "CTI_WALLBOARD_WAITING_ABOVE", "12")).load(null);
        JsonObject view = (JsonObject) ConfigViewRoutes.view(c);
        String text = view.encode();
        assertThat(text).doesNotContain("hush-hush");
        assertThat(view.getJsonObject("database").getString("password")).isEqualTo("***");
        assertThat(view.getJsonArray("pbxs").getJsonObject(0).getString("secret")).isEqualTo("***");
        assertThat(view.getJsonObject("database").getString("url")).isEqualTo("jdbc:postgresql://db:5432/cti?user=cti&password=***");
        assertThat(view.getJsonObject("http").getInteger("port")).isEqualTo(8080);
        assertThat(view.getJsonObject("wallboard").getJsonObject("standard").getInteger("waitingAbove")).isEqualTo(12);
        assertThat(view.getJsonObject("agi").getString("maxSessionDuration")).isEqualTo("PT15M");
        assertThat(view.getJsonObject("cluster").getBoolean("enabled")).isFalse();
    }
}
