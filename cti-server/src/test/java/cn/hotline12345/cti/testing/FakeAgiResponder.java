package cn.hotline12345.cti.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A stand-in for the IVR in telephony tests: a FastAGI server that, for each session, sets the given
 * channel variables (one {@code SET VARIABLE} per entry, waiting for each reply) and hangs up the AGI
 * socket so the dialplan continues. What to set is chosen per caller number.
 */
public final class FakeAgiResponder implements AutoCloseable {

    private final NetServer server;

    public FakeAgiResponder(Vertx vertx, Function<String, Map<String, String>> varsByCaller) {
        this.server = vertx.createNetServer().connectHandler(socket -> session(socket, varsByCaller));
        try {
            server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    private static void session(NetSocket socket, Function<String, Map<String, String>> varsByCaller) {
        Deque<String> commands = new ArrayDeque<>();
        String[] caller = {""};
        boolean[] envDone = {false};
        RecordParser parser = RecordParser.newDelimited("\n", line -> {
            String l = line.toString().replace("\r", "");
            if (!envDone[0]) {
                if (l.startsWith("agi_callerid: ")) {
                    caller[0] = l.substring("agi_callerid: ".length());
                }
                if (l.isEmpty()) {
                    envDone[0] = true;
                    varsByCaller.apply(caller[0]).forEach((k, v) -> commands.add(k.startsWith(COMMAND)
                            ? v + "\n" : "SET VARIABLE " + k + " \"" + v + "\"\n"));
                    next(socket, commands);
                }
                return;
            }
            if (l.startsWith("200") || l.startsWith("5")) {
                next(socket, commands);
            } else if (l.equals("HANGUP")) {
                socket.close();
            }
        });
        socket.handler(parser);
    }

    private static void next(NetSocket socket, Deque<String> commands) {
        String c = commands.poll();
        if (c == null) {
            socket.close();
        } else {
            socket.write(c);
        }
    }

    /** A key prefix for raw AGI commands among the variables: sent as they are, in map order. */
    public static final String COMMAND = "!cmd";

    /** The FastAGI responder of the Asterisk captures (s1.agi, s4.agi): the same commands, in order. */
    public static Function<String, Map<String, String>> capturesIvr() {
        Map<String, String> script = new java.util.LinkedHashMap<>();
        script.put(COMMAND + 1, "ANSWER");
        script.put(COMMAND + 2, "STREAM FILE beep \"\"");
        script.put(COMMAND + 3, "GET DATA beep 3000 1");
        script.put(COMMAND + 4, "SET VARIABLE IVR_CHOICE \"1\"");
        script.put(COMMAND + 5, "GET VARIABLE CALLERID(num)");
        return caller -> script;
    }

    public static Function<String, Map<String, String>> always(Map<String, String> vars) {
        return caller -> vars;
    }

    public static List<String> none() {
        return List.of();
    }

    @Override
    public void close() {
        server.close();
    }
}
