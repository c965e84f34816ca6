package cn.hotline12345.cti.text.internal;

import com.hankcs.hanlp.dictionary.other.CharTable;

import java.util.ArrayList;
import java.util.List;

/**
 * Text made safe to analyse: cut to a maximum length, control characters turned into spaces, then HanLP's character
 * normalisation (full-width to half-width, traditional to simplified, upper to lower case), which maps one character
 * to one character so offsets stay valid against the cut original.
 *
 * @param text  the normalised text
 * @param raw   the cut original (same length as text)
 * @param cut   true when the input was longer than the limit
 * @param empty true when nothing but whitespace remains
 */
record NormalizedText(String text, String raw, boolean cut, boolean empty) {

    static NormalizedText of(String input, int maxLength) {
        String s = input == null ? "" : input;
        boolean cut = false;
        if (s.length() > maxLength) {
            int end = maxLength;
            if (Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
            s = s.substring(0, end);
            cut = true;
        }
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                chars[i] = ' ';
            }
        }
        String raw = new String(chars);
        String normalized = CharTable.convert(raw);
        return new NormalizedText(normalized, raw, cut, normalized.isBlank());
    }

    /** Notes in Chinese for what was done to the input; {@code what} names it (e.g. 事项文本). */
    List<String> notes(String what, int maxLength) {
        List<String> notes = new ArrayList<>(2);
        if (empty) {
            notes.add(what + "为空");
        }
        if (cut) {
            notes.add(what + "超过" + maxLength + "字，只分析了前" + maxLength + "字");
        }
        return notes;
    }

    /** True when the text holds no Han character at all (English, digits, symbols only). */
    boolean noChinese() {
        return text.codePoints().noneMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }
}
