package cn.hotline12345.ivr.audio;

import cn.hotline12345.ivr.FlowSet;
import cn.hotline12345.ivr.flow.Flow;
import cn.hotline12345.ivr.flow.Node;
import cn.hotline12345.ivr.flow.Prompt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which sounds a flow set needs on the PBX and whether a language folder has them: every catalogue prompt's file,
 * and Asterisk's {@code digits/...} files ({@link AsteriskSayFiles}) when a flow says digits or numbers. A real
 * Asterisk plays nothing for a missing file (STREAM FILE answers {@code 200 result=-1 endpos=0}), so a missing
 * sound is an error of the flows' deployment, reported like a lint error.
 */
public final class AudioCoverage {

    private AudioCoverage() {
    }

    /** A sound the set plays and the text it should say. */
    public record Needed(String soundName, String text, String usedBy) {
    }

    /**
     * The sounds of {@code set}, by sound name, in catalogue order then the say files. A catalogue prompt whose
     * file is a say file (an operator's own {@code digits/1}) takes its place.
     */
    public static Map<String, Needed> needed(FlowSet set) {
        Map<String, Needed> out = new LinkedHashMap<>();
        for (Prompt p : set.catalogue().prompts().values()) {
            out.putIfAbsent(p.file(), new Needed(p.file(), p.spoken(), "prompt '" + p.id() + "'"));
        }
        if (saysDigitsOrNumbers(set)) {
            AsteriskSayFiles.files().forEach((name, text) ->
                    out.putIfAbsent(name, new Needed(name, text, "SAY DIGITS/SAY NUMBER")));
        }
        return out;
    }

    /** True when a flow of the set has a {@code say_digits} or {@code say_number} node. */
    public static boolean saysDigitsOrNumbers(FlowSet set) {
        for (Flow f : set.flows().values()) {
            for (Node n : f.nodes().values()) {
                if (n instanceof Node.SayDigits || n instanceof Node.SayNumber) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One line per needed sound with no audio file in {@code languageDir}; empty when all are there. */
    public static List<String> missing(FlowSet set, Path languageDir) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(languageDir)) {
            out.add(languageDir + " is not a directory");
            return out;
        }
        for (Needed n : needed(set).values()) {
            if (!SoundFormats.exists(languageDir, n.soundName())) {
                out.add(n.usedBy() + ": no audio for '" + n.soundName() + "' in " + languageDir
                        + " (a real Asterisk plays silence; generate it or add a recording)");
            }
        }
        return out;
    }
}
