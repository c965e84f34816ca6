package cn.hotline12345.cti.ivr.agi;

import cn.hotline12345.ivr.AgiText;
import cn.hotline12345.ivr.engine.CallerHangupException;
import cn.hotline12345.ivr.engine.DigitsResult;
import cn.hotline12345.ivr.engine.IvrChannel;
import cn.hotline12345.ivr.engine.PlayResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The IVR's channel over one FastAGI connection: formats one command at a time ({@link AgiCommands}), waits for its
 * reply ({@link AgiReplyReader}) and maps it: {@code 200} completes, {@code 200 result=-1}, {@code 511} and a
 * {@code HANGUP} line complete with {@link CallerHangupException}, anything else with {@link AgiException}. Every
 * command has a timeout: its own wait plus {@link AgiSettings#commandGrace()}.
 *
 * <p>All state lives on the connection's event-loop context; methods may be called from any thread (a lookup may
 * complete on another) and hop onto it. Nothing blocks.
 */
final class FastAgiChannel implements IvrChannel {

    private final Vertx vertx;
    private final Context context;
    private final NetSocket socket;
    private final AgiSettings settings;
    private final AgiMetrics metrics;
    private final AgiReplyReader reader = new AgiReplyReader();

    private Pending pending;
    private boolean dead;
    private boolean answered;
    private RuntimeException broken;
    private long lastInputNanos = System.nanoTime();

    private record Pending(String name, CompletableFuture<AgiReply> reply, long timer) {
    }

    FastAgiChannel(Vertx vertx, Context context, NetSocket socket, AgiSettings settings, AgiMetrics metrics) {
        this.vertx = vertx;
        this.context = context;
        this.socket = socket;
        this.settings = settings;
        this.metrics = metrics;
    }

    // ---- IvrChannel ----

    @Override
    public CompletionStage<PlayResult> play(List<String> soundFiles, String escapeDigits) {
        String escape = AgiText.dtmf(escapeDigits, 16);
        return answered().thenCompose(v -> playFrom(List.copyOf(soundFiles), 0, escape));
    }

    private CompletionStage<PlayResult> playFrom(List<String> files, int i, String escape) {
        if (i >= files.size()) {
            return CompletableFuture.completedFuture(PlayResult.none());
        }
        return send("STREAM FILE", () -> AgiCommands.streamFile(files.get(i), escape), settings.playTimeout().toMillis())
                .thenCompose(r -> {
                    int c = r.resultInt(0);
                    if (c > 0 && c < 128 && escape.indexOf((char) c) >= 0) {
                        return CompletableFuture.completedFuture(PlayResult.pressed((char) c));
                    }
                    return playFrom(files, i + 1, escape);
                });
    }

    @Override
    public CompletionStage<DigitsResult> collect(String soundFile, int timeoutMs, int maxDigits) {
        long wait = (long) timeoutMs * (Math.max(1, maxDigits) + 1);
        return answered()
                .thenCompose(v -> send("GET DATA", () -> AgiCommands.getData(soundFile, timeoutMs, maxDigits),
                        settings.playTimeout().toMillis() + wait))
                .thenApply(r -> new DigitsResult(AgiText.dtmf(r.result(), maxDigits), "timeout".equals(r.data())));
    }

    @Override
    public CompletionStage<Void> sayDigits(String digits) {
        return answered().thenCompose(v -> send("SAY DIGITS", () -> AgiCommands.sayDigits(digits, ""),
                1000L * Math.max(1, digits == null ? 1 : digits.length()))).thenApply(r -> null);
    }

    @Override
    public CompletionStage<Void> sayNumber(long number) {
        return answered().thenCompose(v -> send("SAY NUMBER", () -> AgiCommands.sayNumber(number, ""), 20_000))
                .thenApply(r -> null);
    }

    @Override
    public CompletionStage<Void> setVariable(String name, String value) {
        return send("SET VARIABLE", () -> AgiCommands.setVariable(name, value), 0).thenApply(r -> null);
    }

    @Override
    public CompletionStage<String> getVariable(String name) {
        return send("GET VARIABLE", () -> AgiCommands.getVariable(name), 0)
                .thenApply(r -> r.resultInt(0) == 1 ? (r.data() == null ? "" : r.data()) : null);
    }

    @Override
    public CompletionStage<Void> hangup() {
        return send("HANGUP", AgiCommands::hangup, 0).thenApply(r -> null);
    }

    /** ANSWER once before the first audible command, when configured. */
    private CompletionStage<Void> answered() {
        if (!settings.answerFirst() || answered) {
            return CompletableFuture.completedFuture(null);
        }
        return send("ANSWER", AgiCommands::answer, 0).thenApply(r -> {
            answered = true;
            return null;
        });
    }

    // ---- the wire ----

    /**
     * Sends one command and completes with its reply. {@code ownWaitMs} is how long the command itself may
     * legitimately take; the grace is added.
     */
    CompletableFuture<AgiReply> send(String name, Supplier<String> format, long ownWaitMs) {
        CompletableFuture<AgiReply> f = new CompletableFuture<>();
        onContext(() -> {
            String command;
            try {
                command = format.get();
            } catch (RuntimeException e) {
                f.completeExceptionally(new AgiException(name + ": " + e.getMessage()));
                return;
            }
            if (broken != null) {
                f.completeExceptionally(broken);
            } else if (dead) {
                f.completeExceptionally(new CallerHangupException("caller hung up before " + name));
            } else if (pending != null) {
                f.completeExceptionally(new AgiException(name + " while " + pending.name() + " is in progress"));
            } else if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0) {
                // AgiCommands cannot produce this; checked again because a line break here would inject a command
                f.completeExceptionally(new AgiException(name + ": line break in command"));
            } else {
                long timeoutMs = Math.max(1, ownWaitMs + settings.commandGrace().toMillis());
                long timer = vertx.setTimer(timeoutMs, id -> timedOut(f, name, timeoutMs));
                pending = new Pending(name, f, timer);
                metrics.serverTime(System.nanoTime() - lastInputNanos);
                socket.write(command + "\n");
            }
        });
        return f;
    }

    private void timedOut(CompletableFuture<AgiReply> f, String name, long timeoutMs) {
        if (pending != null && pending.reply() == f) {
            pending = null;
            metrics.commandTimeout();
            // a late reply would be taken for the next command's: the connection is no longer usable
            broken = new AgiException(name + " got no reply within " + timeoutMs + " ms");
            f.completeExceptionally(broken);
        }
    }

    /** One line read after the environment (on the context). */
    void onLine(String line) {
        lastInputNanos = System.nanoTime();
        AgiReplyReader.Line l = reader.accept(line);
        if (l instanceof AgiReplyReader.Line.Hangup) {
            dead = true;
            Pending p = take();
            if (p != null) {
                p.reply().completeExceptionally(new CallerHangupException("caller hung up during " + p.name()));
            }
        } else if (l instanceof AgiReplyReader.Line.Reply r) {
            Pending p = take();
            if (p == null) {
                metrics.unexpectedLine();
                return;
            }
            AgiReply reply = r.reply();
            if (reply.hungUp()) {
                dead = true;
                p.reply().completeExceptionally(new CallerHangupException("caller hung up during " + p.name()));
            } else if (!reply.ok()) {
                p.reply().completeExceptionally(new AgiException(p.name() + " refused: " + reply.text()));
            } else {
                p.reply().complete(reply);
            }
        } else if (l instanceof AgiReplyReader.Line.Garbage) {
            metrics.unexpectedLine();
            Pending p = take();
            if (p != null) {
                broken = new AgiException("not an AGI reply to " + p.name());
                p.reply().completeExceptionally(broken);
            }
        }
    }

    /** Ends the channel: the command in progress and every later one fail with {@code cause}. */
    void abort(RuntimeException cause) {
        onContext(() -> {
            if (broken == null) {
                broken = cause;
            }
            Pending p = take();
            if (p != null) {
                p.reply().completeExceptionally(cause);
            }
        });
    }

    /** Whether Asterisk told us the caller hung up. */
    boolean callerHungUp() {
        return dead;
    }

    private Pending take() {
        Pending p = pending;
        pending = null;
        if (p != null) {
            vertx.cancelTimer(p.timer());
        }
        return p;
    }

    private void onContext(Runnable r) {
        if (Vertx.currentContext() == context) {
            r.run();
        } else {
            context.runOnContext(v -> r.run());
        }
    }
}
