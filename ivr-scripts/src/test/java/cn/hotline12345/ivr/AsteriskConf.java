package cn.hotline12345.ivr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small parser for Asterisk's ini-style .conf files, enough for tests: sections {@code [name]},
 * templates {@code [name](!)} and {@code [name](tmpl,...)}, {@code key = value} and {@code key => value}
 * lines, {@code ;} comments. Sections may repeat (pjsip.conf uses one name for several types).
 */
public final class AsteriskConf {

    public record Entry(String key, String value) {
    }

    public record Section(String name, boolean template, List<String> inherits, List<Entry> entries) {
        public List<String> values(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).toList();
        }

        public Optional<String> value(String key) {
            List<String> v = values(key);
            return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
        }
    }

    private final List<Section> sections;

    private AsteriskConf(List<Section> sections) {
        this.sections = sections;
    }

    public static AsteriskConf read(Path file) throws IOException {
        List<Section> out = new ArrayList<>();
        Section current = null;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = stripComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                int close = line.indexOf(']');
                String name = line.substring(1, close);
                String rest = line.substring(close + 1).strip();
                boolean template = false;
                List<String> inherits = new ArrayList<>();
                if (rest.startsWith("(") && rest.endsWith(")")) {
                    for (String t : rest.substring(1, rest.length() - 1).split(",")) {
                        if (t.strip().equals("!")) {
                            template = true;
                        } else if (!t.isBlank()) {
                            inherits.add(t.strip());
                        }
                    }
                }
                current = new Section(name, template, inherits, new ArrayList<>());
                out.add(current);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0 || current == null) {
                throw new IOException(file + ": cannot parse line: " + raw);
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1);
            if (value.startsWith(">")) {
                value = value.substring(1);
            }
            current.entries().add(new Entry(key, value.strip()));
        }
        return new AsteriskConf(out);
    }

    private static String stripComment(String line) {
        int i = line.indexOf(';');
        return i < 0 ? line : line.substring(0, i);
    }

    public List<Section> sections() {
        return sections;
    }

    public List<Section> sections(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).toList();
    }

    public Section section(String name) {
        List<Section> s = sections(name);
        if (s.size() != 1) {
            throw new AssertionError("expected one section [" + name + "], found " + s.size());
        }
        return s.get(0);
    }

    /** The effective key/values of a section: its templates' entries overridden by its own. */
    public Map<String, String> effective(Section s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : s.inherits()) {
            sections(t).forEach(ts -> out.putAll(effective(ts)));
        }
        s.entries().forEach(e -> out.put(e.key(), e.value()));
        return out;
    }
}
