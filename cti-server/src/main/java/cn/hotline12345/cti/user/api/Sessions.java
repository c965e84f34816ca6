package cn.hotline12345.cti.user.api;

import java.util.Optional;
import java.util.function.Consumer;

/** The console sessions as other slices see them: the desk keeps a session in use while its socket is open. */
public interface Sessions {

    /** Marks the session as in use now (its idle timer restarts); empty when it has ended. */
    Optional<Session> touch(String sessionId);

    /** Called with every session that ends (logout, expiry, user disabled), e.g. to close its sockets. */
    void onEnd(Consumer<Session> listener);

    /** Ends idle and over-age sessions now. */
    void sweep();
}
