package cn.hotline12345.ivr.audio;

import cn.hotline12345.ivr.FlowSetLoader;
import cn.hotline12345.ivr.FlowSource;
import cn.hotline12345.ivr.HotlineNames;
import cn.hotline12345.ivr.flow.FlowError;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Build step (ivr-scripts' {@code process-classes} phase): makes the Asterisk sounds of the flows — every
 * catalogue prompt and the {@code zh} digits — in {@code --out} (an Asterisk language folder,
 * {@code target/asterisk-sounds/zh}), from studio recordings where there are any ({@code --recorded}, laid out
 * like the catalogue's {@code file} names: {@code hotline/welcome-24h.wav}) and from espeak-ng otherwise, then
 * checks that every sound has audio.
 *
 * <pre>
 * PromptAudioTool --resources src/main/resources --recorded src/main/recorded --out target/asterisk-sounds/zh
 *                 [--mode auto|required|off] [--threads N]
 * </pre>
 * {@code --mode auto} (the default) generates when espeak-ng is installed and otherwise prints a warning and
 * leaves the prompts without audio, so a machine with only a JDK and Maven still builds; with the environment
 * variable {@code CI=true} auto means required. {@code required} fails without espeak-ng. Whenever the engine is
 * there and fails, the build fails with its error output. Exit code 0, 1 (failure) or 2 (usage).
 *
 * <p>The out folder belongs to the tool: files in it that no sound needs are removed, so a prompt taken out of
 * the catalogue does not linger in the Asterisk image. Its index {@code .hotline-sounds.tsv} (sound, source,
 * milliseconds, text) marks it as the tool's; a non-empty folder without it is refused.
 */
public final class PromptAudioTool {

    static final String INDEX = ".hotline-sounds.tsv";

    private PromptAudioTool() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.getenv());
        if (code != 0) {
            System.exit(code);
        }
    }

    private record Job(AudioCoverage.Needed sound, Path recording) {
    }

    /** Runs the tool; returns the exit code (for tests). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                return usage(err, "bad argument '" + args[i] + "'");
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        Set<String> unknown = new HashSet<>(opt.keySet());
        unknown.removeAll(Set.of("resources", "recorded", "out", "mode", "threads", "espeak"));
        if (!unknown.isEmpty() || !opt.containsKey("resources") || !opt.containsKey("out")) {
            return usage(err, unknown.isEmpty() ? "--resources and --out are required" : "unknown option(s) " + unknown);
        }
        String mode = opt.getOrDefault("mode", "auto").strip().toLowerCase(Locale.ROOT);
        if (!Set.of("auto", "required", "off").contains(mode)) {
            return usage(err, "--mode must be auto, required or off, not '" + mode + "'");
        }
        int threads;
        try {
            threads = Integer.parseInt(opt.getOrDefault("threads", Integer.toString(Math.min(4, Runtime.getRuntime().availableProcessors()))));
        } catch (NumberFormatException e) {
            return usage(err, "--threads must be a number");
        }
        if (threads < 1 || threads > 32) {
            return usage(err, "--threads must be 1..32");
        }
        if (mode.equals("off")) {
            out.println("ivr-audio: off (ivr.audio=off): no prompt audio made");
            return 0;
        }
        boolean required = mode.equals("required") || "true".equalsIgnoreCase(env.getOrDefault("CI", ""));
        long started = System.nanoTime();
        Path outDir = Path.of(opt.get("out"));
        try {
            return make(Path.of(opt.get("resources")), opt.containsKey("recorded") ? Path.of(opt.get("recorded")) : null,
                    outDir, required, threads, opt.getOrDefault("espeak", "espeak-ng"), out, err, started);
        } catch (IOException e) {
            err.println("ivr-audio: ERROR " + e.getMessage());
            return 1;
        }
    }

    private static int make(Path resources, Path recordedDir, Path outDir, boolean required, int threads, String espeak,
                            PrintStream out, PrintStream err, long started) throws IOException {
        FlowSetLoader.Result loaded = new FlowSetLoader(HotlineNames.SERVICES, HotlineNames.QUEUES)
                .load(FlowSource.directory(resources), 1);
        if (!loaded.ok()) {
            for (FlowError e : loaded.errors()) {
                err.println("ivr-audio: ERROR " + e);
            }
            return 1;
        }
        Map<String, AudioCoverage.Needed> needed = AudioCoverage.needed(loaded.flowSet());
        List<String> problems = new ArrayList<>();
        Map<String, Path> recordings = recordings(recordedDir, needed.keySet(), problems);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("ivr-audio: ERROR " + p));
            return 1;
        }
        PromptSynthesizer synth = new PromptSynthesizer(new EspeakNg(EspeakNg.Options.defaults().withCommand(espeak)),
                SpeechText.standard());
        String engine = null;
        boolean toSynthesize = needed.keySet().stream().anyMatch(n -> !recordings.containsKey(n));
        if (toSynthesize) {
            try {
                engine = synth.checkEngine();
            } catch (SpeechException e) {
                if (e.kind() != SpeechException.Kind.NOT_INSTALLED || required) {
                    err.println("ivr-audio: ERROR " + e.getMessage()
                            + (e.kind() == SpeechException.Kind.NOT_INSTALLED ? " (prompt audio is required here)" : ""));
                    return 1;
                }
            }
        }
        prepareOutDir(outDir);
        List<Job> jobs = new ArrayList<>();
        for (AudioCoverage.Needed n : needed.values()) {
            Path rec = recordings.get(n.soundName());
            if (rec != null || engine != null) {
                jobs.add(new Job(n, rec));
            }
        }
        prune(outDir, jobs);
        Map<String, PromptSynthesizer.Outcome> done = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ivr-audio");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PromptSynthesizer.Outcome>> futures = new ArrayList<>();
            for (Job j : jobs) {
                futures.add(pool.submit(() -> j.recording() != null
                        ? PromptSynthesizer.installRecording(outDir, j.sound().soundName(), j.recording())
                        : synth.install(outDir, j.sound().soundName(), j.sound().text())));
            }
            for (int i = 0; i < jobs.size(); i++) {
                try {
                    done.put(jobs.get(i).sound().soundName(), futures.get(i).get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    err.println("ivr-audio: ERROR " + jobs.get(i).sound().usedBy() + " (" + jobs.get(i).sound().soundName()
                            + "): " + c.getMessage());
                    return 1;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ivr-audio: ERROR interrupted");
            return 1;
        } finally {
            // on a failure the other jobs may still be writing: the tool returns only once none is
            pool.shutdownNow();
            try {
                if (!pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    err.println("ivr-audio: WARNING synthesis jobs still running after 60 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeIndex(outDir, jobs, done);
        long ms = (System.nanoTime() - started) / 1_000_000;
        Map<PromptSynthesizer.Status, Integer> counts = new TreeMap<>();
        done.values().forEach(o -> counts.merge(o.status(), 1, Integer::sum));
        if (engine == null && toSynthesize) {
            long silent = needed.size() - jobs.size();
            out.println("ivr-audio: WARNING espeak-ng is not installed: " + silent + " of " + needed.size()
                    + " sounds have no audio and a real Asterisk would play silence for them. Install it "
                    + "(apt-get install espeak-ng) and build again; CI and the Asterisk image require it.");
            out.println("ivr-audio: " + jobs.size() + " recorded sounds in " + outDir + " " + counts + ", " + ms + " ms");
            return 0;
        }
        List<String> missing = AudioCoverage.missing(loaded.flowSet(), outDir);
        if (!missing.isEmpty()) {
            missing.forEach(m -> err.println("ivr-audio: ERROR " + m));
            return 1;
        }
        out.println("ivr-audio: " + jobs.size() + " sounds in " + outDir + " " + counts + (engine == null ? ""
                : " with " + engine) + ", " + ms + " ms");
        return 0;
    }

    /** Sound name → recording; a recording that matches no sound, or two for one sound, is a problem. */
    static Map<String, Path> recordings(Path dir, Set<String> names, List<String> problems) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            String file = f.getFileName().toString();
            if (file.startsWith(".") || file.equalsIgnoreCase("README.md")) {
                continue;
            }
            if (!SoundFormats.extension(file).equalsIgnoreCase("wav")) {
                problems.add("recording " + rel + ": only PCM .wav recordings are accepted (convert it to WAV)");
                continue;
            }
            String name = rel.substring(0, rel.length() - 4);
            if (!names.contains(name)) {
                problems.add("recording " + rel + " matches no sound of the catalogue or the digits (is '" + name
                        + "' a catalogue 'file'?)");
            } else if (out.putIfAbsent(name, f) != null) {
                problems.add("two recordings for " + name + ": " + out.get(name) + " and " + f);
            }
        }
        return out;
    }

    private static void prepareOutDir(Path outDir) throws IOException {
        if (Files.isDirectory(outDir) && !Files.isRegularFile(outDir.resolve(INDEX))) {
            try (Stream<Path> s = Files.list(outDir)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(outDir + " is not empty and was not made by this tool (no " + INDEX
                            + "): refusing to write into it");
                }
            }
        }
        SoundFormats.createDirectories(outDir.toAbsolutePath());
        if (!Files.exists(outDir.resolve(INDEX))) {
            Files.writeString(outDir.resolve(INDEX), "", StandardCharsets.UTF_8);
        }
    }

    /** Removes every file of the out folder that none of {@code jobs} writes. */
    private static void prune(Path outDir, List<Job> jobs) throws IOException {
        Set<Path> keep = new HashSet<>();
        keep.add(outDir.resolve(INDEX).toAbsolutePath().normalize());
        for (Job j : jobs) {
            Path base = SoundFormats.base(outDir, j.sound().soundName());
            for (String ext : SoundFormats.WRITTEN) {
                keep.add(base.resolveSibling(base.getFileName() + "." + ext));
            }
            keep.add(base.resolveSibling(base.getFileName() + "." + PromptSynthesizer.CACHE_NOTE));
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(outDir)) {
            files = s.filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).toList();
        }
        for (Path f : files) {
            if (!keep.contains(f)) {
                Files.delete(f);
            }
        }
    }

    private static void writeIndex(Path outDir, List<Job> jobs, Map<String, PromptSynthesizer.Outcome> done)
            throws IOException {
        StringBuilder b = new StringBuilder("# sound\tsource\tms\ttext (written by PromptAudioTool)\n");
        for (Job j : jobs) {
            PromptSynthesizer.Outcome o = done.get(j.sound().soundName());
            b.append(j.sound().soundName()).append('\t').append(j.recording() != null ? "recorded" : "espeak-ng")
                    .append('\t').append(o.durationMs()).append('\t')
                    .append(j.sound().text().replace('\t', ' ').replace('\n', ' ')).append('\n');
        }
        SoundFormats.writeAtomically(outDir.resolve(INDEX.substring(0, INDEX.length() - 4)).toAbsolutePath(), "tsv",
                b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static int usage(PrintStream err, String problem) {
        err.println("ivr-audio: " + problem);
        err.println("usage: PromptAudioTool --resources DIR --out DIR [--recorded DIR] [--mode auto|required|off]"
                + " [--threads N] [--espeak PROGRAM]");
        return 2;
    }
}
