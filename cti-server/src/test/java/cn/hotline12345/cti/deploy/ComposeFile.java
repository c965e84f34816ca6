package cn.hotline12345.cti.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker/compose.yaml as the deployment tests read it: the YAML tree, plus Compose's variable
 * interpolation ({@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:?error}},
 * {@code ${VAR?error}}, {@code $$}) against a given {@code .env} file, the way {@code docker compose}
 * resolves it.
 */
final class ComposeFile {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private final Map<String, Object> root;
    private final Map<String, String> dotEnv;

    private ComposeFile(Map<String, Object> root, Map<String, String> dotEnv) {
        this.root = root;
        this.dotEnv = dotEnv;
    }

    static ComposeFile read(Path compose, Path dotEnv) throws IOException {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(compose, StandardCharsets.UTF_8));
        if (!(tree instanceof Map<?, ?>)) {
            throw new IOException(compose + ": the top level is not a mapping");
        }
        return new ComposeFile(map(tree, "(top level)"), readDotEnv(dotEnv));
    }

    /** KEY=VALUE lines; '#' comments and blank lines skipped; anything else is an error. */
    static Map<String, String> readDotEnv(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || !line.substring(0, eq).matches("[A-Z_][A-Z0-9_]*")) {
                throw new IOException(file + ":" + (i + 1) + ": not KEY=VALUE: " + line);
            }
            if (out.put(line.substring(0, eq), line.substring(eq + 1)) != null) {
                throw new IOException(file + ":" + (i + 1) + ": " + line.substring(0, eq) + " is set twice");
            }
        }
        return out;
    }

    Map<String, Object> root() {
        return root;
    }

    Map<String, Object> services() {
        return map(root.get("services"), "services");
    }

    Map<String, Object> service(String name) {
        Object s = services().get(name);
        if (s == null) {
            throw new AssertionError("no service '" + name + "' in compose.yaml");
        }
        return map(s, "services." + name);
    }

    /** A service's environment as written (before interpolation); list and mapping forms. */
    Map<String, String> rawEnvironment(String service) {
        Object env = service(service).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (env instanceof List<?> l) {
            for (Object item : l) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        } else if (env != null) {
            throw new AssertionError("services." + service + ".environment is neither a mapping nor a list");
        }
        return out;
    }

    /** A service's environment after interpolation against the .env file. */
    Map<String, String> environment(String service) {
        Map<String, String> out = new LinkedHashMap<>();
        rawEnvironment(service).forEach((k, v) -> out.put(k, interpolate(v)));
        return out;
    }

    /** Resolves variables as docker compose would with the given .env; a required variable that is unset fails. */
    String interpolate(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String name = m.group(1);
                String op = m.group(2);
                String arg = m.group(3) == null ? "" : m.group(3);
                String v = dotEnv.get(name);
                boolean unsetOrEmpty = v == null || (op != null && op.startsWith(":") && v.isEmpty());
                if (op == null) {
                    replacement = v == null ? "" : v;
                } else if (op.endsWith("-")) {
                    replacement = unsetOrEmpty ? arg : v;
                } else if (unsetOrEmpty) {
                    throw new IllegalStateException("required variable " + name + " is not set: " + arg);
                } else {
                    replacement = v;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String what) {
        if (!(o instanceof Map<?, ?>)) {
            throw new AssertionError(what + " is not a mapping: " + o);
        }
        return (Map<String, Object>) o;
    }

    static List<Object> list(Object o, String what) {
        if (!(o instanceof List<?> l)) {
            throw new AssertionError(what + " is not a list: " + o);
        }
        return List.copyOf(l);
    }
}
