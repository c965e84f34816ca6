package cn.hotline12345.cti.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs; a name the benchmark does not know stops it (a misspelt option must not run silently with its default). */
final class Args {

    private Args() {
    }

    static Map<String, String> parse(String[] args, String... known) {
        java.util.Set<String> names = java.util.Set.of(known);
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            String name = args[i].substring(2);
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; this benchmark takes "
                        + new java.util.TreeSet<>(names).stream().map(n -> "--" + n).toList());
            }
            m.put(name, args[++i]);
        }
        return m;
    }
}
