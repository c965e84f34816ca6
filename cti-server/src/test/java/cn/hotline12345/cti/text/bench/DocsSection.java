package cn.hotline12345.cti.text.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Writes a generated block into docs/text-intelligence.md between {@code <!-- name:begin -->} and {@code <!-- name:end -->}. */
final class DocsSection {

    private DocsSection() {
    }

    static void write(String name, String markdown) throws IOException {
        Path doc = Path.of("docs/text-intelligence.md");
        if (!Files.exists(doc)) {
            System.out.println("docs/text-intelligence.md not found (run from the repository root); block not written");
            return;
        }
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            System.out.println("markers " + begin + " / " + end + " not found in docs/text-intelligence.md; block not written");
            return;
        }
        String updated = text.substring(0, b + begin.length()) + "\n" + markdown.strip() + "\n" + text.substring(e);
        Files.writeString(doc, updated, StandardCharsets.UTF_8);
        System.out.println("written to docs/text-intelligence.md (" + name + ")");
    }

    /** Date, cores, CPU model, load and JVM: what a figure needs beside it. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException | RuntimeException ignored) {
            // not Linux: the model stays unknown
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format("%s; %d cores (%s); load average at start %.1f; %s %s; heap max %d MiB",
                ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")),
                Runtime.getRuntime().availableProcessors(), cpu, load, System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().maxMemory() >> 20);
    }

    static int intArg(String[] args, String name, int def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return def;
    }
}
