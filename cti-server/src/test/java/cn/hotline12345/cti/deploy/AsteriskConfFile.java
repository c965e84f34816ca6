package cn.hotline12345.cti.deploy;

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
 * A strict reader of Asterisk's ini-style {@code .conf} files, for the deployment tests: sections
 * {@code [name]}, templates {@code [name](!)}, sections built from templates {@code [name](a,b)} or
 * added to {@code [name](+)}, {@code key = value} and {@code key => value} lines, {@code ;} comments
 * ({@code \;} is a literal semicolon), and the {@code #include}/{@code #tryinclude} directives.
 * Anything else is refused with the file and line number, so a typo fails the suite instead of Asterisk.
 */
final class AsteriskConfFile {

    record Entry(String key, String value) {
    }

    record Section(String name, boolean template, List<String> inherits, List<Entry> entries) {
        List<String> values(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).toList();
        }

        /** The last value of a key, as Asterisk takes it. */
        Optional<String> value(String key) {
            List<String> v = values(key);
            return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
        }
    }

    private final List<Section> sections;

    private AsteriskConfFile(List<Section> sections) {
        this.sections = List.copyOf(sections);
    }

    static AsteriskConfFile read(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    static AsteriskConfFile parse(String name, String text) throws IOException {
        List<Section> out = new ArrayList<>();
        Section current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String where = name + ":" + (i + 1) + ": ";
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                if (!line.matches("#(try)?include\\s+\"?[^\"\\s]+\"?")) {
                    throw new IOException(where + "unknown directive: " + lines[i]);
                }
                continue;
            }
            if (line.startsWith("[")) {
                current = header(where, line);
                out.add(current);
                continue;
            }
            if (current == null) {
                throw new IOException(where + "a setting before any [section]: " + lines[i]);
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IOException(where + "not 'key = value': " + lines[i]);
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1);
            if (value.startsWith(">")) {
                value = value.substring(1);
            }
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new IOException(where + "bad key '" + key + "'");
            }
            current.entries().add(new Entry(key, value.strip().replace("\\;", ";")));
        }
        return new AsteriskConfFile(out);
    }

    private static Section header(String where, String line) throws IOException {
        int close = line.indexOf(']');
        if (close < 2) {
            throw new IOException(where + "bad section header: " + line);
        }
        String sectionName = line.substring(1, close);
        String rest = line.substring(close + 1).strip();
        boolean template = false;
        List<String> inherits = new ArrayList<>();
        if (!rest.isEmpty()) {
            if (!rest.startsWith("(") || !rest.endsWith(")")) {
                throw new IOException(where + "bad section options: " + line);
            }
            for (String t : rest.substring(1, rest.length() - 1).split(",")) {
                String option = t.strip();
                if (option.equals("!")) {
                    template = true;
                } else if (option.isEmpty()) {
                    throw new IOException(where + "empty section option: " + line);
                } else if (!option.equals("+")) {
                    inherits.add(option);
                }
            }
        }
        return new Section(sectionName, template, inherits, new ArrayList<>());
    }

    /** Cuts at the first ';' that is not escaped as '\;'. */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ';' && (i == 0 || line.charAt(i - 1) != '\\')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    List<Section> sections() {
        return sections;
    }

    List<Section> sections(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The one section of that name (fails the test when there is none or several). */
    Section section(String name) {
        List<Section> s = sections(name);
        if (s.size() != 1) {
            throw new AssertionError("expected one section [" + name + "], found " + s.size());
        }
        return s.get(0);
    }

    /** A section's effective settings: its templates' settings overridden by its own. */
    Map<String, String> effective(Section s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : s.inherits()) {
            sections(t).stream().filter(Section::template).forEach(ts -> out.putAll(effective(ts)));
        }
        s.entries().forEach(e -> out.put(e.key(), e.value()));
        return out;
    }
}
