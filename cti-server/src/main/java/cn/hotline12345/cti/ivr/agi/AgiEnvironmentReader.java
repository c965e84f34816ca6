package cn.hotline12345.cti.ivr.agi;

import cn.hotline12345.ivr.AgiText;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code agi_*} environment line by line up to the blank line, within bounds: a line of at most
 * {@code maxLineBytes} (enforced by the framer before this sees it), at most {@code maxLines} lines and
 * {@code maxBytes} in all. Lines must be {@code agi_<key>: <value>} in strict UTF-8; the first occurrence of a
 * key wins; {@code agi_network_script} and {@code agi_uniqueid} are required. Anything else refuses the
 * session. Not thread-safe: one per connection.
 */
public final class AgiEnvironmentReader {

    private static final Pattern KEY = Pattern.compile("[a-z0-9_]{1,40}");

    private final int maxLines;
    private final int maxBytes;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private int lines;
    private int bytes;
    private AgiEnvironment done;

    public AgiEnvironmentReader(int maxLines, int maxBytes) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    /** The outcome of one line. */
    public sealed interface Step {
        record More() implements Step {
        }

        record Complete(AgiEnvironment environment) implements Step {
        }

        record Refused(AgiRefusal reason) implements Step {
        }
    }

    private static final Step MORE = new Step.More();

    /** Feeds one line without its {@code \n}. */
    public Step accept(byte[] line) {
        if (done != null) {
            return new Step.Complete(done);
        }
        lines++;
        bytes += line.length + 1;
        if (lines > maxLines || bytes > maxBytes) {
            return new Step.Refused(AgiRefusal.TOO_LARGE);
        }
        int len = line.length;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        if (len == 0) {
            return finish();
        }
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(line, 0, len)).toString();
        } catch (CharacterCodingException e) {
            return new Step.Refused(AgiRefusal.NOT_UTF8);
        }
        Optional<String[]> kv = keyValue(text);
        if (kv.isEmpty()) {
            return new Step.Refused(AgiRefusal.GARBAGE);
        }
        values.putIfAbsent(kv.get()[0], AgiText.clean(kv.get()[1]));
        return MORE;
    }

    private static Optional<String[]> keyValue(String text) {
        if (!text.startsWith("agi_")) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String key = text.substring(4, colon);
        if (!KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        String value = text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        return Optional.of(new String[] {key, value});
    }

    private Step finish() {
        AgiEnvironment env = new AgiEnvironment(values);
        if (env.script().isEmpty() || env.uniqueid().isBlank()) {
            return new Step.Refused(AgiRefusal.MISSING_KEYS);
        }
        done = env;
        return new Step.Complete(env);
    }
}
