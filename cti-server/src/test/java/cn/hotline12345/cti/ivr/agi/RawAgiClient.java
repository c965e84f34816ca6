package cn.hotline12345.cti.ivr.agi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A FastAGI peer that behaves like Asterisk on the wire, driven line by line from a test thread (blocking I/O with
 * timeouts; never on an event loop). It sends the environment, reads commands and sends whatever replies the test
 * gives, including the hang-up sequence of capture s4 ({@code 200 result=-1}, then {@code HANGUP}, then 511).
 */
final class RawAgiClient implements AutoCloseable {

    static final String R511 = "511 Command Not Permitted on a dead channel or intercept routine";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    final List<String> commands = new ArrayList<>();

    RawAgiClient(int port) throws IOException {
        this(port, null);
    }

    /** From a chosen local address ({@code 127.0.0.2} is another host to the server). */
    RawAgiClient(int port, String from) throws IOException {
        socket = new Socket();
        if (from != null) {
            socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName(from), 0));
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** The environment of capture s1 for {@code script}, with overrides ({@code null} value removes a key). */
    static Map<String, String> env(String script, String uniqueid, String caller) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("network", "yes");
        e.put("network_script", script);
        e.put("request", "agi://127.0.0.1:4573/" + script);
        e.put("channel", "PJSIP/trunk-00000001");
        e.put("language", "en");
        e.put("type", "PJSIP");
        e.put("uniqueid", uniqueid);
        e.put("version", "22.0.0");
        e.put("callerid", caller);
        e.put("calleridname", "张三");
        e.put("callingpres", "0");
        e.put("dnid", "unknown");
        e.put("context", "from-pstn");
        e.put("extension", "12345");
        e.put("priority", "6");
        e.put("enhanced", "0.0");
        e.put("accountcode", "");
        e.put("threadid", "140072810096320");
        return e;
    }

    RawAgiClient sendEnv(Map<String, String> env) throws IOException {
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> {
            if (v != null) {
                sb.append("agi_").append(k).append(": ").append(v).append('\n');
            }
        });
        sb.append('\n');
        return send(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    RawAgiClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends one reply line. */
    RawAgiClient reply(String line) throws IOException {
        return send((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The next command line, or {@code null} when the server closed the connection. */
    String readCommand() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                commands.add(s);
                return s;
            }
            line.write(b);
        }
    }

    /** True when the server closes the connection within the socket timeout without sending anything more. */
    boolean closedByServer() throws IOException {
        try {
            int b = in.read();
            if (b >= 0) {
                byte[] more = in.readNBytes(Math.min(200, in.available()));
                throw new AssertionError("server sent " + (char) b + new String(more, StandardCharsets.UTF_8));
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    /**
     * Answers every command like an Asterisk whose caller presses {@code digits} (one per GET DATA or escapable STREAM
     * FILE, {@code "-"} = no key / timeout) and whose channel has {@code vars}; returns when the server closes.
     */
    List<String> runLikeAsterisk(List<String> digits, Map<String, String> vars) throws IOException {
        int next = 0;
        String cmd;
        while ((cmd = readCommand()) != null) {
            reply(answer(cmd, next < digits.size() ? digits.get(next) : "-", vars));
            if (consumesDigit(cmd)) {
                next++;
            }
        }
        return commands;
    }

    static boolean consumesDigit(String cmd) {
        return cmd.startsWith("GET DATA") || (cmd.startsWith("STREAM FILE") && !cmd.endsWith("\"\""));
    }

    /** Asterisk's reply to {@code cmd} when the caller presses {@code key} ({@code "-"}: nothing). */
    static String answer(String cmd, String key, Map<String, String> vars) {
        if (cmd.startsWith("GET DATA")) {
            return key.equals("-") ? "200 result= (timeout)" : "200 result=" + key;
        }
        if (cmd.startsWith("STREAM FILE")) {
            if (!cmd.endsWith("\"\"") && !key.equals("-")) {
                return "200 result=" + (int) key.charAt(0) + " endpos=1200";
            }
            return "200 result=0 endpos=3520";
        }
        if (cmd.startsWith("SET VARIABLE")) {
            return "200 result=1";
        }
        if (cmd.startsWith("GET VARIABLE")) {
            String v = vars.get(cmd.substring("GET VARIABLE ".length()));
            return v == null ? "200 result=0" : "200 result=1 (" + v + ")";
        }
        return "200 result=0";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
