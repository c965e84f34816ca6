package cn.hotline12345.ivr.audio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a prompt's or a knowledge answer's written text into the text the synthesizer reads:
 * <ul>
 *   <li>control characters go; line breaks become a pause (，);</li>
 *   <li>full-width digits become ASCII digits;</li>
 *   <li>a run of three or more digits is read digit by digit, as Chinese says service numbers and codes:
 *       12345 → 幺二三四五, 110 → 幺幺零 (espeak-ng would say 一万二千三百四十五, and even that wrongly); before
 *       年 the digit 1 stays 一 (二〇二四年 style: 一九九八年). One or two digits stay a number (24小时 →
 *       二十四小时, 按1 → 按一);</li>
 *   <li>words of the {@code cmn-lexicon.txt} pronunciation list are replaced by their pinyin.</li>
 * </ul>
 */
public final class SpeechText {

    /** Longest text spoken at once (about ten minutes of speech): a knowledge answer should be a summary. */
    public static final int MAX_CHARS = 2000;

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final String PHONE_DIGITS = "零幺二三四五六七八九";
    private static final String PLAIN_DIGITS = "零一二三四五六七八九";

    private final Map<String, String> lexicon;
    private final Pattern lexiconPattern;

    private SpeechText(Map<String, String> lexicon) {
        this.lexicon = Map.copyOf(lexicon);
        List<String> words = new ArrayList<>(lexicon.keySet());
        words.sort(Comparator.comparingInt(String::length).reversed());
        this.lexiconPattern = words.isEmpty() ? null
                : Pattern.compile(String.join("|", words.stream().map(Pattern::quote).toList()));
    }

    /** With the shipped pronunciation list. */
    public static SpeechText standard() {
        return Holder.STANDARD;
    }

    /** With an explicit word → pinyin list (tests, or an operator's own list). */
    public static SpeechText withLexicon(Map<String, String> lexicon) {
        return new SpeechText(lexicon);
    }

    private static final class Holder {
        static final SpeechText STANDARD = new SpeechText(load());
    }

    /** The word → pinyin list in use. */
    public Map<String, String> lexicon() {
        return lexicon;
    }

    /**
     * The text to synthesize.
     *
     * @throws SpeechException {@link SpeechException.Kind#BAD_TEXT} when nothing speakable is left or the text is
     *                         longer than {@link #MAX_CHARS}
     */
    public String prepare(String text) throws SpeechException {
        if (text == null) {
            throw new SpeechException(SpeechException.Kind.BAD_TEXT, "no text to speak");
        }
        if (text.length() > MAX_CHARS) {
            throw new SpeechException(SpeechException.Kind.BAD_TEXT,
                    "text of " + text.length() + " characters is longer than " + MAX_CHARS + ": speak a summary");
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\r' || c == '\t') {
                clean.append(c == '\t' ? ' ' : '，');
            } else if (c >= '０' && c <= '９') {
                clean.append((char) ('0' + (c - '０')));
            } else if (!Character.isISOControl(c) && Character.getType(c) != Character.FORMAT) {
                clean.appendCodePoint(c);
            }
        });
        String s = digitByDigit(clean.toString());
        if (lexiconPattern != null) {
            Matcher m = lexiconPattern.matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(" " + lexicon.get(m.group()) + " "));
            }
            m.appendTail(out);
            s = out.toString();
        }
        s = s.replaceAll(" {2,}", " ").strip();
        if (s.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw new SpeechException(SpeechException.Kind.BAD_TEXT, "nothing speakable in '" + text.strip() + "'");
        }
        return s;
    }

    private static String digitByDigit(String s) {
        Matcher m = DIGITS.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String run = m.group();
            if (run.length() < 3) {
                m.appendReplacement(out, run);
                continue;
            }
            boolean year = m.end() < s.length() && s.charAt(m.end()) == '年';
            String names = year ? PLAIN_DIGITS : PHONE_DIGITS;
            StringBuilder said = new StringBuilder(run.length());
            for (int i = 0; i < run.length(); i++) {
                said.append(names.charAt(run.charAt(i) - '0'));
            }
            m.appendReplacement(out, said.toString());
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> load() {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = SpeechText.class.getResourceAsStream("cmn-lexicon.txt")) {
            if (in == null) {
                throw new IllegalStateException("cmn-lexicon.txt is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] parts = l.split("\\s+", 2);
                if (parts.length != 2 || !parts[1].matches("([a-zü]+[1-5])( [a-zü]+[1-5])*")) {
                    throw new IllegalStateException("cmn-lexicon.txt line " + n + ": expected 'word pinyin1 pinyin2': " + l);
                }
                out.put(parts[0], parts[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cmn-lexicon.txt", e);
        }
        return out;
    }
}
