package cn.hotline12345.cti.app;

import cn.hotline12345.cti.caller.api.CallerSettings;
import cn.hotline12345.cti.ivr.agi.AgiSettings;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.user.api.AuthSettings;

/**
 * The settings records slices bind from their own configuration sections ({@code auth}: {@link AuthSettings},
 * the FastAGI tuning of {@code agi}: {@link AgiSettings}, {@code callers}: {@link CallerSettings}), bound once more here so {@code check-config}, {@code run}
 * and {@code demo} refuse a bad or unknown key before anything starts.
 */
final class SliceSettings {

    private SliceSettings() {
    }

    /** @throws cn.hotline12345.cti.platform.config.ConfigException naming the key */
    static void check(CtiConfig config) {
        AuthSettings.from(config.section("auth"));
        AgiSettings.from(config.section("agi"));
        CallerSettings.from(config.section("callers"));
        cn.hotline12345.cti.text.TextSettings.from(config.section("text"));
        cn.hotline12345.cti.phone.api.SoftphoneSettings.from(config.section("softphone"));
    }
}
