package cn.hotline12345.cti.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand over a plain socket, for attacks the JDK client will not make: a client bound to a chosen
 * loopback address ({@code 127.0.0.2} is another client to the server, as Linux routes all of 127/8 to lo), a
 * request that never ends its headers, raw bytes that are not UTF-8.
 */
public final class RawHttp {

    /** One answer: status, headers (lower-case names; the last value of a repeated one) and body text. */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    private RawHttp() {
    }

    /** A connected socket from {@code from} (null: the default address). */
    public static Socket open(int port, String from) throws IOException {
        Socket s = new Socket();
        if (from != null) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        }
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        s.setSoTimeout(20_000);
        return s;
    }

    /** Sends a whole request (with {@code Connection: close}) and reads the whole answer. */
    public static Response send(int port, String from, String method, String path, Map<String, String> headers,
                                byte[] body) throws IOException {
        try (Socket s = open(port, from)) {
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            s.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                s.getOutputStream().write(body);
            }
            s.getOutputStream().flush();
            return parse(s.getInputStream().readAllBytes());
        }
    }

    public static Response get(int port, String from, String path, Map<String, String> headers) throws IOException {
        return send(port, from, "GET", path, headers, null);
    }

    /**
     * Whether the server closed the socket (end of stream or reset) within the socket's read timeout; false when it
     * was still open then. Reads and drops anything the server sends first.
     */
    public static boolean closedByServer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            byte[] b = new byte[4096];
            while (true) {
                if (in.read(b) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Response(-1, Map.of(), text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            if (c > 0) {
                h.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
            }
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(h.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, h, body);
    }

    private static String dechunk(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            int nl = s.indexOf("\r\n", i);
            if (nl < 0) {
                break;
            }
            int size = Integer.parseInt(s.substring(i, nl).trim().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            byte[] chunk = s.substring(nl + 2).getBytes(StandardCharsets.UTF_8);
            out.write(chunk, 0, Math.min(size, chunk.length));
            i = nl + 2 + new String(chunk, 0, Math.min(size, chunk.length), StandardCharsets.UTF_8).length() + 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
