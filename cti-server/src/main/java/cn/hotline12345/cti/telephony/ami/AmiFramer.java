package cn.hotline12345.cti.telephony.ami;

import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns the bytes of an AMI stream into {@link AmiMessage}s: lines end in CRLF (a bare LF is accepted),
 * a blank line ends a message. The first line of a session is the banner
 * ({@code Asterisk Call Manager/11.0.0}), delivered once through the banner callback.
 *
 * <p>Untrusted input, bounded memory: a line longer than {@code maxLineBytes} or a message with more than
 * {@code maxHeaders} lines is dropped whole (counted in {@link #malformed()}), and parsing resumes at the
 * next blank line. Bytes that are not UTF-8 become U+FFFD. Not thread-safe: one framer per connection,
 * fed from its event loop.
 */
public final class AmiFramer {

    private final int maxLineBytes;
    private final int maxHeaders;
    private final Consumer<String> onBanner;
    private final Consumer<AmiMessage> onMessage;

    private byte[] line = new byte[256];
    private int lineLen;
    private boolean lineTooLong;
    private boolean bannerSeen;
    private String[] keys;
    private String[] values;
    private int headers;
    private boolean discarding;
    private long malformed;
    private long messages;

    public AmiFramer(int maxLineBytes, int maxHeaders, Consumer<String> onBanner, Consumer<AmiMessage> onMessage) {
        this.maxLineBytes = maxLineBytes;
        this.maxHeaders = maxHeaders;
        this.onBanner = onBanner;
        this.onMessage = onMessage;
        newMessage();
    }

    /** Defaults: 64 KiB lines, 1024 headers per message. */
    public static AmiFramer standard(Consumer<String> onBanner, Consumer<AmiMessage> onMessage) {
        return new AmiFramer(64 * 1024, 1024, onBanner, onMessage);
    }

    /** Feeds a chunk of the stream; complete messages are delivered before this returns. */
    public void feed(byte[] data, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = data[i];
            if (b == '\n') {
                endOfLine();
            } else if (lineTooLong) {
                continue;
            } else if (lineLen == maxLineBytes) {
                lineTooLong = true;
            } else {
                if (lineLen == line.length) {
                    byte[] bigger = new byte[Math.min(maxLineBytes, line.length * 2)];
                    System.arraycopy(line, 0, bigger, 0, lineLen);
                    line = bigger;
                }
                line[lineLen++] = b;
            }
        }
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    /** Messages dropped as malformed (oversized line, too many headers) since the start. */
    public long malformed() {
        return malformed;
    }

    /** Messages delivered since the start. */
    public long messages() {
        return messages;
    }

    /** Forgets any partial message (on reconnect the next bytes start with a banner). */
    public void reset() {
        lineLen = 0;
        lineTooLong = false;
        bannerSeen = false;
        discarding = false;
        newMessage();
    }

    private void endOfLine() {
        int len = lineLen;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        boolean tooLong = lineTooLong;
        lineLen = 0;
        lineTooLong = false;
        if (tooLong) {
            discarding = true;
            return;
        }
        if (!bannerSeen) {
            bannerSeen = true;
            if (len > 0 && startsWith("Asterisk Call Manager", len)) {
                onBanner.accept(decode(0, len));
                return;
            }
            // no banner: a peer that starts talking at once; treat the line as a header
        }
        if (len == 0) {
            if (discarding) {
                malformed++;
                discarding = false;
                newMessage();
            } else if (headers > 0) {
                messages++;
                AmiMessage m = new AmiMessage(keys, values, headers);
                newMessage();
                onMessage.accept(m);
            }
            return;
        }
        if (discarding) {
            return;
        }
        if (headers == maxHeaders) {
            discarding = true;
            return;
        }
        int colon = -1;
        for (int i = 0; i < len; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        String key;
        String value;
        if (colon < 0) {
            // Asterisk sends some free-text lines (e.g. command output); keep them under an empty key.
            key = "";
            value = decode(0, len);
        } else {
            key = decodeKey(colon);
            int vs = colon + 1;
            if (vs < len && line[vs] == ' ') {
                vs++;
            }
            value = decode(vs, len - vs);
        }
        if (headers == keys.length) {
            keys = java.util.Arrays.copyOf(keys, keys.length * 2);
            values = java.util.Arrays.copyOf(values, values.length * 2);
        }
        keys[headers] = key;
        values[headers] = value;
        headers++;
    }

    private boolean startsWith(String prefix, int len) {
        if (len < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Header names are few and ASCII: reuse one String per name to spare the allocator. */
    private final java.util.HashMap<KeyProbe, String> keyCache = new java.util.HashMap<>();
    private final KeyProbe probe = new KeyProbe();

    private String decodeKey(int len) {
        probe.set(line, len);
        String cached = keyCache.get(probe);
        if (cached != null) {
            return cached;
        }
        String k = decode(0, len);
        if (keyCache.size() < 4096) {
            keyCache.put(new KeyProbe().copyOf(line, len), k);
        }
        return k;
    }

    private String decode(int from, int len) {
        boolean ascii = true;
        for (int i = from; i < from + len; i++) {
            if (line[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(line, from, len, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return d.decode(java.nio.ByteBuffer.wrap(line, from, len)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(line, from, len, StandardCharsets.UTF_8);
        }
    }

    private void newMessage() {
        keys = new String[24];
        values = new String[24];
        headers = 0;
    }

    /** A byte-range key for the header-name cache. */
    private static final class KeyProbe {
        byte[] bytes;
        int len;
        int hash;

        void set(byte[] b, int l) {
            bytes = b;
            len = l;
            int h = 1;
            for (int i = 0; i < l; i++) {
                h = 31 * h + b[i];
            }
            hash = h;
        }

        KeyProbe copyOf(byte[] b, int l) {
            byte[] copy = java.util.Arrays.copyOf(b, l);
            set(copy, l);
            return this;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof KeyProbe k) || k.len != len || k.hash != hash) {
                return false;
            }
            return java.util.Arrays.equals(bytes, 0, len, k.bytes, 0, len);
        }
    }
}
