package cn.hotline12345.cti.bench;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.ManagerEvent;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** The bare library: asterisk-java 3.42.2's {@link ManagerConnection} with a listener that only counts. */
final class BareAsteriskJavaClient implements IngestClient {

    private final String user;
    private final String secret;
    private final LongAdder events = new LongAdder();
    private ManagerConnection connection;

    BareAsteriskJavaClient(String user, String secret) {
        this.user = user;
        this.secret = secret;
    }

    @Override
    public String label() {
        return "bare asterisk-java 3.42.2 ManagerConnection, counting listener";
    }

    @Override
    public void connect(int port) throws Exception {
        connection = new ManagerConnectionFactory("127.0.0.1", port, user, secret).createManagerConnection();
        connection.addEventListener(this::onEvent);
        connection.login();
    }

    private void onEvent(ManagerEvent e) {
        if (!(e instanceof ConnectEvent || e instanceof DisconnectEvent || e instanceof FullyBootedEvent)) {
            events.increment();
        }
    }

    @Override
    public void awaitReady(FakeAmiServer.Session session, Duration timeout) throws InterruptedException {
        if (!session.awaitLogin(timeout)) {
            throw new IllegalStateException("asterisk-java did not log in");
        }
    }

    @Override
    public boolean exactCount() {
        return false;
    }

    @Override
    public long events() {
        return events.sum();
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.logoff();
        }
    }
}
