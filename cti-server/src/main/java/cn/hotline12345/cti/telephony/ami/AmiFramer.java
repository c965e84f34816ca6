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

    /** A line cut by the end of a chunk, kept until its LF arrives. */
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

    /**
     * Feeds a chunk of the stream; complete messages are delivered before this returns. A line wholly
     * inside the chunk is parsed where it lies; only a line cut by the chunk's end is copied (to be
     * completed by the next chunk), so most bytes are looked at once, by the newline scan.
     */
    public void feed(byte[] data, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int nl = indexOfNewline(data, i, end);
            if (nl < 0) {
                append(data, i, end - i);
                return;
            }
            if (lineLen == 0 && !lineTooLong) {
                int len = nl - i;
                if (len > maxLineBytes) {
                    discarding = true;
                } else {
                    endOfLine(data, i, len);
                }
            } else {
                append(data, i, nl - i);
                boolean tooLong = lineTooLong;
                int len = lineLen;
                lineLen = 0;
                lineTooLong = false;
                if (tooLong) {
                    discarding = true;
                } else {
                    endOfLine(line, 0, len);
                }
            }
            i = nl + 1;
        }
    }

    private static int indexOfNewline(byte[] data, int from, int end) {
        for (int i = from; i < end; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Keeps part of a line until its end arrives, up to maxLineBytes (then the line is marked too long). */
    private void append(byte[] data, int from, int len) {
        if (lineTooLong || len == 0) {
            return;
        }
        if (lineLen + len > maxLineBytes) {
            lineTooLong = true;
            return;
        }
        if (lineLen + len > line.length) {
            line = java.util.Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLen + len)));
        }
        System.arraycopy(data, from, line, lineLen, len);
        lineLen += len;
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    /** Feeds the bytes and answers how many malformed messages they completed (dropped, never fatal). */
    public long feedCountingMalformed(byte[] data) {
        long before = malformed();
        feed(data, 0, data.length);
        return malformed() - before;
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

    /** One line without its LF: {@code buf[from..from+length)} (a trailing CR is dropped here). */
    private void endOfLine(byte[] buf, int from, int length) {
        int len = length;
        if (len > 0 && buf[from + len - 1] == '\r') {
            len--;
        }
        if (!bannerSeen) {
            bannerSeen = true;
            if (len > 0 && startsWith(buf, from, "Asterisk Call Manager", len)) {
                onBanner.accept(decode(buf, from, len));
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
        // the colon search also hashes the header name for the name cache
        int colon = -1;
        int hash = 1;
        int stop = from + len;
        for (int i = from; i < stop; i++) {
            byte b = buf[i];
            if (b == ':') {
                colon = i - from;
                break;
            }
            hash = 31 * hash + b;
        }
        String key;
        String value;
        if (colon < 0) {
            // Asterisk sends some free-text lines (e.g. command output); keep them under an empty key.
            key = "";
            value = decode(buf, from, len);
        } else {
            key = names.name(buf, from, colon, hash);
            int vs = colon + 1;
            if (vs < len && buf[from + vs] == ' ') {
                vs++;
            }
            value = decode(buf, from + vs, len - vs);
        }
        if (headers == keys.length) {
            keys = java.util.Arrays.copyOf(keys, keys.length * 2);
            values = java.util.Arrays.copyOf(values, values.length * 2);
        }
        keys[headers] = key;
        values[headers] = value;
        headers++;
    }

    private static boolean startsWith(byte[] buf, int from, String prefix, int len) {
        if (len < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Header names are few and ASCII: one String per name spares the allocator and the decoder. */
    private final HeaderNames names = new HeaderNames(4096);

    static String decode(byte[] buf, int from, int len) {
        for (int i = from; i < from + len; i++) {
            if (buf[i] < 0) {
                return decodeUtf8(buf, from, len);
            }
        }
        return new String(buf, from, len, StandardCharsets.ISO_8859_1);
    }

    private static String decodeUtf8(byte[] buf, int from, int len) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return d.decode(java.nio.ByteBuffer.wrap(buf, from, len)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(buf, from, len, StandardCharsets.UTF_8);
        }
    }

    private void newMessage() {
        keys = new String[24];
        values = new String[24];
        headers = 0;
    }
}
