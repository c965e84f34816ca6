package cn.hotline12345.ivr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where flow files and the prompt catalogue come from: the classpath (the flows shipped in this jar)
 * or a directory on disk (so operators can edit and reload without a rebuild). Both have the layout
 * {@code flows/<id>.yaml} and {@code prompts/catalogue.yaml}; on the classpath, {@code flows/flows.list}
 * names the flow files because a jar cannot be listed portably.
 *
 * <p>Reading does file I/O: call it from a worker thread, never from an event loop.
 */
public interface FlowSource {

    /** Largest file read, in bytes. */
    int MAX_FILE_BYTES = 1_000_000;

    /** A file read from the source: its name as shown in errors and its text, or why it is unreadable. */
    record SourceFile(String name, String text, String error) {
    }

    /** Where this source reads from, for messages. */
    String describe();

    /** The flow files ({@code flows/<id>.yaml}), in name order. */
    List<SourceFile> flowFiles() throws IOException;

    /** The catalogue file ({@code prompts/catalogue.yaml}). */
    SourceFile catalogue() throws IOException;

    /** The flows and catalogue on the classpath of {@code loader}. */
    static FlowSource classpath(ClassLoader loader) {
        return new FlowSource() {
            @Override public String describe() {
                return "classpath:flows/";
            }

            @Override public List<SourceFile> flowFiles() throws IOException {
                SourceFile index = read("flows/flows.list");
                if (index.error() != null) {
                    throw new IOException("flows/flows.list: " + index.error());
                }
                List<SourceFile> out = new ArrayList<>();
                for (String line : index.text().split("\n")) {
                    String name = line.strip();
                    if (!name.isEmpty() && !name.startsWith("#")) {
                        out.add(read("flows/" + name));
                    }
                }
                return out;
            }

            @Override public SourceFile catalogue() throws IOException {
                return read("prompts/catalogue.yaml");
            }

            private SourceFile read(String name) throws IOException {
                try (InputStream in = loader.getResourceAsStream(name)) {
                    if (in == null) {
                        return new SourceFile(name, null, "not found on the classpath");
                    }
                    return decode(name, in.readNBytes(MAX_FILE_BYTES + 1));
                }
            }
        };
    }

    /** The flows and catalogue under {@code dir} ({@code dir/flows/*.yaml}, {@code dir/prompts/catalogue.yaml}). */
    static FlowSource directory(Path dir) {
        return new FlowSource() {
            @Override public String describe() {
                return dir.toString();
            }

            @Override public List<SourceFile> flowFiles() throws IOException {
                Path flows = dir.resolve("flows");
                if (!Files.isDirectory(flows)) {
                    throw new IOException(flows + " is not a directory");
                }
                List<Path> files;
                try (Stream<Path> s = Files.list(flows)) {
                    files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
                }
                List<SourceFile> out = new ArrayList<>();
                for (Path p : files) {
                    out.add(read(p, "flows/" + p.getFileName()));
                }
                return out;
            }

            @Override public SourceFile catalogue() throws IOException {
                Path p = dir.resolve("prompts").resolve("catalogue.yaml");
                if (!Files.isRegularFile(p)) {
                    return new SourceFile("prompts/catalogue.yaml", null, "not found in " + dir);
                }
                return read(p, "prompts/catalogue.yaml");
            }

            private SourceFile read(Path p, String name) throws IOException {
                if (Files.size(p) > MAX_FILE_BYTES) {
                    return new SourceFile(name, null, "larger than " + MAX_FILE_BYTES + " bytes");
                }
                return decode(name, Files.readAllBytes(p));
            }
        };
    }

    /** Flow files given as text, keyed by file name (tests and tools). */
    static FlowSource inMemory(Map<String, String> flowFiles, String catalogue) {
        Map<String, String> copy = new LinkedHashMap<>(flowFiles);
        return new FlowSource() {
            @Override public String describe() {
                return "memory";
            }

            @Override public List<SourceFile> flowFiles() {
                return copy.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> new SourceFile(e.getKey(), e.getValue(), null)).toList();
            }

            @Override public SourceFile catalogue() {
                return new SourceFile("prompts/catalogue.yaml", catalogue, null);
            }
        };
    }

    /** Strict UTF-8 decoding: a file with invalid bytes is reported, not silently repaired. */
    static SourceFile decode(String name, byte[] bytes) {
        if (bytes.length > MAX_FILE_BYTES) {
            return new SourceFile(name, null, "larger than " + MAX_FILE_BYTES + " bytes");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return new SourceFile(name, text, null);
        } catch (CharacterCodingException e) {
            return new SourceFile(name, null, "not valid UTF-8");
        }
    }
}
