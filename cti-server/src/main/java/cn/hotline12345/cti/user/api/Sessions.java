package cn.hotline12345.cti.user.api;

import io.vertx.core.Future;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The console sessions as other slices see them: the desk keeps a session in use while its socket is open. The
 * sessions live in PostgreSQL and are shared by every node (issue 25), so each call is asynchronous.
 */
public interface Sessions {

    /** Marks the session as in use now (its idle timer restarts); empty when it has ended. */
    Future<Optional<Session>> touch(String sessionId);

    /**
     * Called with every session that ends (logout, expiry, user disabled) and that this node has served, e.g. to
     * close its sockets, wherever in the cluster it was ended.
     */
    void onEnd(Consumer<Session> listener);

    /** Ends idle and over-age sessions now. */
    Future<Void> sweep();
}
