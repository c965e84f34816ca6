package cn.hotline12345.ivr.audio;

import cn.hotline12345.ivr.AgiText;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The files of one sound in an Asterisk language folder ({@code /var/lib/asterisk/sounds/zh}): which extensions
 * Asterisk can play, and writing the hotline's three — {@code .wav} (16-bit signed linear, 8 kHz, mono),
 * {@code .ulaw} and {@code .alaw} (raw G.711) — so Asterisk can send a prompt without transcoding on A-law
 * trunks and μ-law phones alike ({@code openstream_internal} in main/file.c picks the format of the file that
 * suits the channel: {@code ast_set_write_format_from_cap(chan, file_fmt_cap)}).
 *
 * <p>Each file is written to a temporary name in the same folder and renamed into place, so Asterisk never opens a
 * half-written prompt while a call is playing it; files are world-readable because Asterisk runs as its own user.
 */
public final class SoundFormats {

    /** What the hotline writes for every sound. */
    public static final List<String> WRITTEN = List.of("wav", "ulaw", "alaw");

    /**
     * Every audio extension Asterisk 22's format modules register ({@code .exts} in formats/*.c, video formats
     * left out): a file with one of these makes a sound "exist" for STREAM FILE.
     */
    public static final Set<String> PLAYABLE = Set.of("wav", "WAV", "wav49", "wav16", "gsm", "ulaw", "ul", "mu", "ulw",
            "pcm", "alaw", "al", "alw", "sln", "slin", "raw", "sln12", "sln16", "sln24", "sln32", "sln44", "sln48", "sln96",
            "sln192", "g722", "g719", "g723", "g723sf", "g726-40", "g726-32", "g726-24", "g726-16", "g729", "ilbc", "vox",
            "siren7", "siren14", "ogg", "spx", "spx16", "spx32", "au");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private SoundFormats() {
    }

    /**
     * The path of {@code soundName} without extension under {@code languageDir}.
     *
     * @throws IllegalArgumentException for a name STREAM FILE would not accept or that leaves the folder
     */
    public static Path base(Path languageDir, String soundName) {
        if (AgiText.soundFile(soundName) == null || soundName.endsWith("/") || soundName.contains("//")) {
            throw new IllegalArgumentException("bad sound name '" + soundName + "'");
        }
        Path dir = languageDir.toAbsolutePath().normalize();
        Path base = dir.resolve(soundName).normalize();
        if (!base.startsWith(dir) || base.equals(dir)) {
            throw new IllegalArgumentException("sound name '" + soundName + "' leaves " + languageDir);
        }
        return base;
    }

    /** True when Asterisk would find {@code soundName} in {@code languageDir} in some audio format. */
    public static boolean exists(Path languageDir, String soundName) {
        Path base = base(languageDir, soundName);
        String file = base.getFileName().toString();
        for (String ext : PLAYABLE) {
            if (Files.isRegularFile(base.resolveSibling(file + "." + ext))) {
                return true;
            }
        }
        return false;
    }

    /** Writes the {@link #WRITTEN} formats of {@code pcm} (must be 8000 Hz) and removes other formats of the name. */
    public static void write(Path languageDir, String soundName, Pcm pcm) throws IOException {
        if (pcm.sampleRate() != 8000) {
            throw new IllegalArgumentException("Asterisk's .wav/.ulaw/.alaw are 8000 Hz, not " + pcm.sampleRate());
        }
        Path base = base(languageDir, soundName);
        createDirectories(base.getParent());
        writeAtomically(base, "wav", WavFile.write(pcm));
        writeAtomically(base, "ulaw", G711.ulaw(pcm.samples()));
        writeAtomically(base, "alaw", G711.alaw(pcm.samples()));
        removeOthers(base, Set.copyOf(WRITTEN));
    }

    /** Removes every audio format of {@code soundName} (and its cache note); absent files are fine. */
    public static void delete(Path languageDir, String soundName) throws IOException {
        Path base = base(languageDir, soundName);
        removeOthers(base, Set.of());
        Files.deleteIfExists(base.resolveSibling(base.getFileName() + "." + PromptSynthesizer.CACHE_NOTE));
    }

    static void writeAtomically(Path base, String ext, byte[] bytes) throws IOException {
        Path target = base.resolveSibling(base.getFileName() + "." + ext);
        Path tmp = base.resolveSibling("." + base.getFileName() + "." + ext + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(tmp, bytes);
            if (POSIX) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return; // made meanwhile by another writer
        }
        if (POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void removeOthers(Path base, Set<String> keep) throws IOException {
        String file = base.getFileName().toString();
        for (String ext : PLAYABLE) {
            // compare without case: on a case-insensitive file system base.WAV is base.wav
            if (keep.stream().noneMatch(k -> k.equalsIgnoreCase(ext))) {
                Files.deleteIfExists(base.resolveSibling(file + "." + ext));
            }
        }
    }

    /** The extension of a file name ({@code welcome-24h.wav -> wav}), or "" when it has none. */
    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? "" : fileName.substring(dot + 1);
    }
}
