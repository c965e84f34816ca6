package cn.hotline12345.ivr;

import cn.hotline12345.ivr.flow.FlowError;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Lints every IVR flow against the prompt catalogue, the 12345 server functions and the contract's
 * queues. Exit code 0 when all flows are valid, 1 otherwise (2 for a usage error).
 *
 * <pre>
 * mvn -q -pl ivr-scripts exec:java -Dexec.args=ivr-scripts/src/main/resources   # a directory
 * mvn -q -pl ivr-scripts exec:java                                                # the classpath copy
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
        if (args.length > 1) {
            err.println("usage: FlowLint [directory with flows/ and prompts/]");
            return 2;
        }
        FlowSource source = args.length == 1 ? FlowSource.directory(Path.of(args[0]))
                : FlowSource.classpath(FlowLint.class.getClassLoader());
        FlowSetLoader.Result r = new FlowSetLoader(HotlineNames.SERVICES, HotlineNames.QUEUES).load(source, 1);
        if (r.ok()) {
            out.println("OK: " + r.flowSet().flows().size() + " flows " + r.flowSet().flows().keySet() + ", "
                    + r.flowSet().catalogue().prompts().size() + " prompts, from " + source.describe());
            return 0;
        }
        for (FlowError e : r.errors()) {
            err.println("ERROR " + e);
        }
        err.println(r.errors().size() + " problem(s) in " + source.describe());
        return 1;
    }
}
