package cn.hotline12345.cti.platform.health;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each part of the server says about itself: the database, each AMI link, the FastAGI listener.
 * The server is ready when every registered part is up. Thread-safe; updates are cheap.
 */
public final class Readiness {

    /** The state of one component. */
    public record Component(String name, boolean up, String detail, Instant since) {
    }

    private final Map<String, Component> components = new ConcurrentHashMap<>();

    /** Reports a component up or down; the time of the last change is kept. */
    public void report(String name, boolean up, String detail) {
        components.compute(name, (k, old) -> old != null && old.up() == up
                ? new Component(name, up, detail, old.since())
                : new Component(name, up, detail, Instant.now()));
    }

    public boolean ready() {
        return !components.isEmpty() && components.values().stream().allMatch(Component::up);
    }

    /** A sorted snapshot for /ready. */
    public Map<String, Component> snapshot() {
        return new TreeMap<>(components);
    }

    public boolean isUp(String name) {
        Component c = components.get(name);
        return c != null && c.up();
    }
}
