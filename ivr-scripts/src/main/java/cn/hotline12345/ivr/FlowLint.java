package cn.hotline12345.ivr;

import cn.hotline12345.ivr.audio.AudioCoverage;
import cn.hotline12345.ivr.flow.FlowError;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Lints every IVR flow against the prompt catalogue, the 12345 server functions and the contract's
 * queues, and with {@code --sounds DIR} also checks that every sound the flows play has audio in that Asterisk
 * language folder ({@link AudioCoverage}). Exit code 0 when all is well, 1 otherwise (2 for a usage error).
 *
 * <pre>
 * mvn -q -pl ivr-scripts exec:java -Dexec.args=ivr-scripts/src/main/resources   # a directory
 * mvn -q -pl ivr-scripts exec:java                                                # the classpath copy
 * mvn -q -pl ivr-scripts exec:java -Dexec.args="ivr-scripts/src/main/resources --sounds ivr-scripts/target/asterisk-sounds/zh"
 * </pre>
 * A directory holds {@code flows/*.yaml} and {@code prompts/catalogue.yaml}.
 */
public final class FlowLint {

    private FlowLint() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the lint; returns the exit code (for tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String dir = null;
        Path sounds = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--sounds") && i + 1 < args.length && sounds == null) {
                sounds = Path.of(args[++i]);
            } else if (!args[i].startsWith("--") && dir == null) {
                dir = args[i];
            } else {
                err.println("usage: FlowLint [directory with flows/ and prompts/] [--sounds asterisk-language-folder]");
                return 2;
            }
        }
        FlowSource source = dir != null ? FlowSource.directory(Path.of(dir))
                : FlowSource.classpath(FlowLint.class.getClassLoader());
        FlowSetLoader.Result r = new FlowSetLoader(HotlineNames.SERVICES, HotlineNames.QUEUES).load(source, 1);
        if (r.ok()) {
            if (sounds != null) {
                List<String> missing = AudioCoverage.missing(r.flowSet(), sounds);
                if (!missing.isEmpty()) {
                    missing.forEach(m -> err.println("ERROR " + m));
                    err.println(missing.size() + " sound(s) without audio in " + sounds);
                    return 1;
                }
            }
            out.println("OK: " + r.flowSet().flows().size() + " flows " + r.flowSet().flows().keySet() + ", "
                    + r.flowSet().catalogue().prompts().size() + " prompts, from " + source.describe()
                    + (sounds == null ? "" : ", every sound has audio in " + sounds));
            return 0;
        }
        for (FlowError e : r.errors()) {
            err.println("ERROR " + e);
        }
        err.println(r.errors().size() + " problem(s) in " + source.describe());
        return 1;
    }
}
