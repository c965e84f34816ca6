package cn.hotline12345.cti.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The AMI events of one real Asterisk 22 call (capture s1: IVR, queue, answered by an agent), as templates
 * in which the call's identities are holes: the four Uniqueids, the two Local channel sequence numbers and
 * the bridge id. {@link StreamSegment} fills the holes per rendered call.
 *
 * <p>The session's own traffic (responses, FullyBooted, SuccessfulAuth) is left out: only what a busy
 * PBX sends for each call.
 */
public final class CallTemplate {

    /** Ids in the capture, in the order of the holes 0..3. */
    static final String[] CAPTURE_UIDS = {"1795623661.16", "1795623661.17", "1795623662.18", "1795623662.19"};
    static final String CAPTURE_CALLER_LOCAL = "caller-sim-00000008";
    static final String CAPTURE_AGENT_LOCAL = "agents-00000009";
    static final String CAPTURE_BRIDGE = "9ded9806-afea-4f0f-812a-5c267da770f7";

    /** Hole kinds inside a message template. */
    enum Hole { UID0, UID1, UID2, UID3, CALLER_LOCAL, AGENT_LOCAL, BRIDGE }

    /** One event: literal pieces with holes between them ({@code literals.size() == holes.size() + 1}). */
    record EventTemplate(String name, String variable, String privilege, List<byte[]> literals, List<Hole> holes) {
    }

    private static final Pattern HOLES = Pattern.compile(
            Pattern.quote(CAPTURE_UIDS[0]) + "|" + Pattern.quote(CAPTURE_UIDS[1]) + "|" + Pattern.quote(CAPTURE_UIDS[2])
                    + "|" + Pattern.quote(CAPTURE_UIDS[3]) + "|" + Pattern.quote(CAPTURE_CALLER_LOCAL) + "|"
                    + Pattern.quote(CAPTURE_AGENT_LOCAL) + "|" + Pattern.quote(CAPTURE_BRIDGE));

    private static final Set<String> SESSION_EVENTS = Set.of("FullyBooted", "SuccessfulAuth");

    private final List<EventTemplate> events;

    private CallTemplate(List<EventTemplate> events) {
        this.events = List.copyOf(events);
    }

    /** The s1 capture shipped with the benchmarks (a copy of pbx-sim's asterisk-22/s1-ivr-queue-answered.ami). */
    public static CallTemplate s1() {
        try (InputStream in = CallTemplate.class.getResourceAsStream("/bench/s1-ivr-queue-answered.ami")) {
            if (in == null) {
                throw new IllegalStateException("bench/s1-ivr-queue-answered.ami missing from the test classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CallTemplate parse(String capture) {
        String[] blocks = capture.replace("\r\n", "\n").split("\n\n");
        List<EventTemplate> out = new ArrayList<>();
        for (String block : blocks) {
            String[] lines = block.strip().split("\n");
            if (lines.length == 0 || !lines[0].startsWith("Event: ")) {
                continue;
            }
            String name = lines[0].substring(7).trim();
            if (SESSION_EVENTS.contains(name)) {
                continue;
            }
            String variable = header(lines, "Variable");
            String privilege = header(lines, "Privilege");
            String text = String.join("\r\n", lines) + "\r\n\r\n";
            List<byte[]> literals = new ArrayList<>();
            List<Hole> holes = new ArrayList<>();
            var m = HOLES.matcher(text);
            int last = 0;
            while (m.find()) {
                literals.add(text.substring(last, m.start()).getBytes(StandardCharsets.UTF_8));
                holes.add(holeOf(m.group()));
                last = m.end();
            }
            literals.add(text.substring(last).getBytes(StandardCharsets.UTF_8));
            out.add(new EventTemplate(name, variable, privilege, literals, holes));
        }
        return new CallTemplate(out);
    }

    private static Hole holeOf(String s) {
        for (int i = 0; i < CAPTURE_UIDS.length; i++) {
            if (CAPTURE_UIDS[i].equals(s)) {
                return Hole.values()[i];
            }
        }
        return switch (s) {
            case CAPTURE_CALLER_LOCAL -> Hole.CALLER_LOCAL;
            case CAPTURE_AGENT_LOCAL -> Hole.AGENT_LOCAL;
            default -> Hole.BRIDGE;
        };
    }

    private static String header(String[] lines, String key) {
        for (String l : lines) {
            if (l.startsWith(key + ": ")) {
                return l.substring(key.length() + 2).trim();
            }
        }
        return null;
    }

    public List<EventTemplate> events() {
        return events;
    }

    /**
     * The same call as user {@code cti} of docker/asterisk/manager.conf receives it: its read classes and its
     * {@code eventfilter}s, read from the file itself and applied by pbx-sim's implementation of manager.c's rules.
     */
    public CallTemplate withManagerConfFilter() {
        ManagerConfFilter filter = ManagerConfFilter.load();
        List<EventTemplate> kept = new ArrayList<>();
        for (EventTemplate e : events) {
            if (filter.reaches(e.name(), e.privilege(), e.variable())) {
                kept.add(e);
            }
        }
        return new CallTemplate(kept);
    }
}
