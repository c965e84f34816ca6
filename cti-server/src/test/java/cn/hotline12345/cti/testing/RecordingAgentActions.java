package cn.hotline12345.cti.testing;

import cn.hotline12345.cti.call.api.AgentActions;
import io.vertx.core.Future;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake PBX side: records every action as a line; can be told to fail the next action. */
public final class RecordingAgentActions implements AgentActions {

    public final List<String> calls = new CopyOnWriteArrayList<>();
    public volatile RuntimeException failWith;

    private Future<Void> record(String line) {
        calls.add(line);
        RuntimeException f = failWith;
        return f == null ? Future.succeededFuture() : Future.failedFuture(f);
    }

    @Override
    public Future<Void> login(String pbxId, String extension, String memberName, List<QueueLogin> queues) {
        return record("login " + pbxId + " " + extension + " " + memberName + " " + queues);
    }

    @Override
    public Future<Void> logout(String pbxId, String extension, List<String> queues) {
        return record("logout " + pbxId + " " + extension + " " + queues);
    }

    @Override
    public Future<Void> pause(String pbxId, String extension, String reason) {
        return record("pause " + pbxId + " " + extension + " " + reason);
    }

    @Override
    public Future<Void> unpause(String pbxId, String extension) {
        return record("unpause " + pbxId + " " + extension);
    }

    @Override
    public Future<Void> dial(String pbxId, String extension, String number) {
        return record("dial " + pbxId + " " + extension + " " + number);
    }

    @Override
    public Future<Void> transfer(String pbxId, String extension, TransferTarget target, boolean attended) {
        return record("transfer " + pbxId + " " + extension + " " + target.kind() + " " + target.value() + " "
                + attended);
    }

    @Override
    public Future<Void> hold(String pbxId, String extension, boolean on) {
        return record("hold " + pbxId + " " + extension + " " + on);
    }

    @Override
    public Future<Void> hangup(String pbxId, String extension) {
        return record("hangup " + pbxId + " " + extension);
    }

    @Override
    public Future<Void> consult(String pbxId, String extension, boolean complete) {
        return record("consult " + pbxId + " " + extension + " " + complete);
    }

    /** Progress listeners the desk registered: a test tells them what the PBX "did". */
    public final List<java.util.function.Consumer<Progress>> progressListeners = new CopyOnWriteArrayList<>();

    @Override
    public void onProgress(java.util.function.Consumer<Progress> listener) {
        progressListeners.add(listener);
    }

    /** Tells the desk what the PBX did, as AmiAgentActions would. */
    public void tell(Progress p) {
        progressListeners.forEach(l -> l.accept(p));
    }
}
