package cn.hotline12345.cti.bench;

import java.time.Duration;

/** One of the AMI consumers compared on the same stream. */
interface IngestClient extends AutoCloseable {

    String label();

    /** Connects and logs in to the fake server on {@code port}; may block until logged in. */
    void connect(int port) throws Exception;

    /** Waits until the client is ready for the stream (logged in; resynced for the server pipeline). */
    void awaitReady(FakeAmiServer.Session session, Duration timeout) throws Exception;

    /**
     * True when {@link #events()} counts exactly the stream's events (the run then ends when the count reaches
     * what was sent); false when the client may count differently (asterisk-java: the run ends after 3 s
     * without a new event).
     */
    default boolean exactCount() {
        return true;
    }

    /** Stream events the client has taken in so far. */
    long events();

    @Override
    void close() throws Exception;
}
