package cn.hotline12345.cti.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code eventfilter(action(exclude),...)} lines of docker/asterisk/manager.conf, as the benchmark applies
 * them to captured events: {@code name(X)} drops event X; {@code name(VarSet),header(Variable),method(regex)}
 * drops the VarSets whose variable the regex finds (Asterisk's regexec is unanchored, like {@link Matcher#find}).
 */
record ManagerConfFilter(Set<String> names, List<Pattern> varSetRegexes) {

    private static final Pattern BY_NAME = Pattern.compile("^eventfilter\\(action\\(exclude\\),name\\(([^)]+)\\)\\)\\s*=\\s*$");
    private static final Pattern VARSET_REGEX = Pattern.compile(
            "^eventfilter\\(action\\(exclude\\),name\\(VarSet\\),header\\(Variable\\),method\\(regex\\)\\)\\s*=\\s*(.+)$");

    /** Finds docker/asterisk/manager.conf from the working directory or one of its parents. */
    static ManagerConfFilter load() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docker/asterisk/manager.conf"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docker/asterisk/manager.conf not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return parse(Files.readAllLines(dir.resolve("docker/asterisk/manager.conf"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ManagerConfFilter parse(List<String> lines) {
        Set<String> names = new HashSet<>();
        List<Pattern> regexes = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            Matcher m = BY_NAME.matcher(line);
            if (m.matches()) {
                names.add(m.group(1));
                continue;
            }
            m = VARSET_REGEX.matcher(line);
            if (m.matches()) {
                regexes.add(Pattern.compile(m.group(1).strip()));
            }
        }
        return new ManagerConfFilter(Set.copyOf(names), List.copyOf(regexes));
    }

    boolean excludes(String event, String variable) {
        if (names.contains(event)) {
            return true;
        }
        if (event.equals("VarSet") && variable != null) {
            for (Pattern p : varSetRegexes) {
                if (p.matcher(variable).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}
