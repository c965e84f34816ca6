package cn.hotline12345.cti.call.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves a recording's stored file name strictly inside the recordings directory. The name comes from the
 * database, where it came from the PBX: it is treated as hostile. Refused: empty names, control characters,
 * backslashes, absolute paths, any {@code ..} element, anything that normalises outside the directory, and
 * symbolic links (or a directory) whose real path leaves it.
 */
public final class RecordingFiles {

    private static final int MAX_NAME = 255;

    private RecordingFiles() {
    }

    /** Why a stored name was refused (for the audit detail and logs), or null when it is acceptable in shape. */
    public static String shapeProblem(String stored) {
        if (stored == null || stored.isBlank()) {
            return "no recording file on the call";
        }
        if (stored.length() > MAX_NAME) {
            return "file name too long";
        }
        for (int i = 0; i < stored.length(); i++) {
            char c = stored.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                return "forbidden character in file name";
            }
        }
        if (stored.startsWith("/") || stored.startsWith("~")) {
            return "absolute file name";
        }
        for (String part : stored.split("/")) {
            if (part.equals("..")) {
                return "parent reference in file name";
            }
        }
        return null;
    }

    /**
     * The existing regular file the stored name designates inside {@code dir}; empty when the name is refused
     * or the file is missing. Does file-system I/O: call it off the event loop.
     */
    public static Optional<Path> resolve(Path dir, String stored) {
        if (shapeProblem(stored) != null) {
            return Optional.empty();
        }
        try {
            Path base = dir.toAbsolutePath().normalize();
            Path relative = Path.of(stored);
            if (relative.isAbsolute()) {
                return Optional.empty();
            }
            Path candidate = base.resolve(relative).normalize();
            if (!candidate.startsWith(base) || candidate.equals(base)) {
                return Optional.empty();
            }
            if (!Files.isRegularFile(candidate)) {
                return Optional.empty();
            }
            // Symlinks (of the file or of a directory on the way) must not lead out of the directory.
            Path realBase = base.toRealPath();
            Path real = candidate.toRealPath();
            if (!real.startsWith(realBase) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (InvalidPathException | IOException e) {
            return Optional.empty();
        }
    }
}
