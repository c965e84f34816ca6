package cn.hotline12345.ivr;

import cn.hotline12345.ivr.engine.CallerHangupException;
import cn.hotline12345.ivr.engine.DigitsResult;
import cn.hotline12345.ivr.engine.IvrChannel;
import cn.hotline12345.ivr.engine.PlayResult;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * An in-memory caller. The script is what the caller does at each input point:
 * {@code "123"} enters digits at the next collect/menu, {@code "T"} lets it time out, {@code "#"} presses
 * only the terminator, {@code "!9"} presses 9 during the next interruptible play. When the script runs
 * out, every input times out. {@link #hangUpAt(int)} makes the n-th channel operation (0-based) fail
 * with {@link CallerHangupException}, and every later one too.
 */
public class ScriptedChannel implements IvrChannel {

    private final Deque<String> script;
    private final Map<String, String> channelVars = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private final Map<String, String> setVars = new LinkedHashMap<>();
    private final List<String> allSetValues = new ArrayList<>();
    private Executor executor;
    private int hangupAt = -1;
    private int ops;

    public ScriptedChannel(String... script) {
        this.script = new ArrayDeque<>(List.of(script));
    }

    /** Completes every operation later on {@code executor} instead of inline. */
    public ScriptedChannel async(Executor executor) {
        this.executor = executor;
        return this;
    }

    public ScriptedChannel hangUpAt(int op) {
        this.hangupAt = op;
        return this;
    }

    public ScriptedChannel withVariable(String name, String value) {
        channelVars.put(name, value);
        return this;
    }

    /** Operations in order, e.g. {@code play [hotline/welcome-24h] ''}. */
    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    public synchronized int operations() {
        return ops;
    }

    /** The channel variables set by the IVR (last value wins). */
    public synchronized Map<String, String> setVariables() {
        return Map.copyOf(setVars);
    }

    /** Every value ever passed to setVariable, in order. */
    public synchronized List<String> allSetValues() {
        return List.copyOf(allSetValues);
    }

    public synchronized List<String> played() {
        return log.stream().filter(l -> l.startsWith("play ") || l.startsWith("collect ")).toList();
    }

    private synchronized <T> CompletionStage<T> op(String what, java.util.function.Supplier<T> result) {
        int n = ops++;
        log.add(what);
        if (hangupAt >= 0 && n >= hangupAt) {
            return finish(null, new CallerHangupException("caller hung up at op " + n));
        }
        return finish(result.get(), null);
    }

    private <T> CompletionStage<T> finish(T value, Throwable err) {
        if (executor == null) {
            return err == null ? CompletableFuture.completedFuture(value) : CompletableFuture.failedFuture(err);
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        executor.execute(() -> {
            if (err == null) {
                f.complete(value);
            } else {
                f.completeExceptionally(err);
            }
        });
        return f;
    }

    @Override
    public CompletionStage<PlayResult> play(List<String> soundFiles, String escapeDigits) {
        return op("play " + soundFiles + " '" + escapeDigits + "'", () -> {
            String next = script.peek();
            if (next != null && next.startsWith("!") && next.length() == 2
                    && !escapeDigits.isEmpty() && escapeDigits.indexOf(next.charAt(1)) >= 0) {
                script.pop();
                return PlayResult.pressed(next.charAt(1));
            }
            return PlayResult.none();
        });
    }

    @Override
    public CompletionStage<DigitsResult> collect(String soundFile, int timeoutMs, int maxDigits) {
        return op("collect " + soundFile + " " + timeoutMs + " " + maxDigits, () -> {
            String next = script.poll();
            if (next == null || next.equals("T")) {
                return DigitsResult.timeout();
            }
            if (next.equals("#")) {
                return DigitsResult.entered("");
            }
            if (next.startsWith("!")) {
                return DigitsResult.entered(next.substring(1)); // a barge-in offered where GET DATA listens
            }
            return DigitsResult.entered(next.length() > maxDigits ? next.substring(0, maxDigits) : next);
        });
    }

    @Override
    public CompletionStage<Void> sayDigits(String digits) {
        return op("say_digits " + digits, () -> null);
    }

    @Override
    public CompletionStage<Void> sayNumber(long number) {
        return op("say_number " + number, () -> null);
    }

    @Override
    public CompletionStage<Void> setVariable(String name, String value) {
        return op("set " + name + "=" + value, () -> {
            setVars.put(name, value);
            allSetValues.add(value);
            channelVars.put(name, value);
            return null;
        });
    }

    @Override
    public CompletionStage<String> getVariable(String name) {
        return op("get " + name, () -> channelVars.get(name));
    }

    @Override
    public CompletionStage<Void> hangup() {
        return op("hangup", () -> null);
    }
}
