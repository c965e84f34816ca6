package cn.hotline12345.cti.platform.config;

import cn.hotline12345.cti.ivr.agi.AgiSettings;
import cn.hotline12345.cti.phone.api.SoftphoneSettings;
import cn.hotline12345.cti.text.TextSettings;
import cn.hotline12345.cti.user.api.AuthSettings;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: every settings record's every component is a key documented in docs/configuration.md, as
 * {@code `section.component`} (nested records as {@code `section.sub.component`}): the core sections of
 * {@link CtiConfig} walked from the record itself, and the slices' own settings records with the section they bind.
 * A component added without its line in the reference fails here. (Binding and bad values per key are checked by
 * the slices' own tests, e.g. {@code SliceSettingsTest}, {@code DatabaseWriterConfigTest}; {@code CallerSettings}'
 * nested rules are written as flat keys such as {@code callers.frequency: 10/24h/warning}, each checked there.)
 */
class EveryKeyDocumentedTest {

    /** Components that are not keys of their own: lists of PBXs are documented as a block, raw sections are input. */
    private static final List<String> NOT_KEYS = List.of("pbxs", "sections");

    @Test
    void everySettingsComponentIsADocumentedKey() throws Exception {
        String doc = Files.readString(Path.of("../docs/configuration.md"));
        List<String> keys = new ArrayList<>();
        for (RecordComponent c : CtiConfig.class.getRecordComponents()) {
            if (!NOT_KEYS.contains(c.getName())) {
                collect(c.getName(), c.getType(), keys);
            }
        }
        for (Map.Entry<String, Class<?>> slice : Map.<String, Class<?>>of("auth", AuthSettings.class, "agi",
                AgiSettings.class, "text", TextSettings.class, "softphone", SoftphoneSettings.class).entrySet()) {
            collect(slice.getKey(), slice.getValue(), keys);
        }
        assertThat(keys).as("keys found in the settings records").hasSizeGreaterThan(80);
        List<String> undocumented = keys.stream().map(EveryKeyDocumentedTest::asWritten)
                .filter(k -> !doc.contains("`" + k + "`")).toList();
        assertThat(undocumented).as("settings with no line in docs/configuration.md").isEmpty();
    }

    /** The wallboard's standard thresholds are written at the section's top ({@code wallboard.waitingAbove}). */
    private static String asWritten(String key) {
        return key.replace("wallboard.standard.", "wallboard.");
    }

    private static void collect(String prefix, Class<?> type, List<String> out) {
        if (!type.isRecord() || !type.getName().startsWith("cn.hotline12345.")) {
            out.add(prefix);
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            collect(prefix + "." + c.getName(), c.getType(), out);
        }
    }
}
