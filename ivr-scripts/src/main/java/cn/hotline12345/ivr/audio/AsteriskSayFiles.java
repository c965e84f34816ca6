package cn.hotline12345.ivr.audio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sound files Asterisk 22 plays for SAY DIGITS and SAY NUMBER in language {@code zh}, and what each says.
 * Asterisk has no Mandarin sound pack of its own, so without these files SAY DIGITS/NUMBER in {@code zh} are
 * silent: {@code ast_get_digit_str} (main/say.c) skips every digit whose file is missing
 * ({@code if (fn && ast_fileexists(fn, NULL, lang) > 0)}), and {@code ast_say_number_full_zh} ignores a failed
 * {@code ast_streamfile}.
 *
 * <p>The names follow main/say.c of branch 22:
 * <ul>
 *   <li>{@code ast_get_digit_str}: {@code digits/0}..{@code digits/9} ({@code strcpy(fnbuf, "digits/X"); fnbuf[7] =
 *       str[num]}), {@code digits/star}, {@code digits/pound}, {@code digits/minus};</li>
 *   <li>{@code ast_say_number_full_zh} ("Taiwanese / Chinese syntax", chosen for any language starting with
 *       {@code zh}): {@code digits/%d} of {@code (num / 10) * 10} for 10..99 (so {@code digits/10} is 十 and
 *       12 is 十 + 二), {@code digits/hundred}, {@code digits/thousand}, {@code digits/wan} (万),
 *       {@code digits/yi} (亿), {@code digits/0} for an inner zero, {@code digits/minus}.</li>
 * </ul>
 * SAY DIGITS and SAY NUMBER share {@code digits/1}, so it says 一 (yī), the number reading: 十一月 must not be
 * 十幺月. Matter numbers read digit by digit therefore say 一 too.
 */
public final class AsteriskSayFiles {

    private static final Map<String, String> FILES;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        String digits = "零一二三四五六七八九";
        for (int d = 0; d <= 9; d++) {
            m.put("digits/" + d, String.valueOf(digits.charAt(d)));
        }
        m.put("digits/10", "十");
        for (int d = 2; d <= 9; d++) {
            m.put("digits/" + d * 10, digits.charAt(d) + "十");
        }
        m.put("digits/hundred", "百");
        m.put("digits/thousand", "千");
        m.put("digits/wan", "万");
        m.put("digits/yi", "亿");
        m.put("digits/minus", "负");
        m.put("digits/star", "星号");
        m.put("digits/pound", "井号");
        FILES = Collections.unmodifiableMap(m);
    }

    private AsteriskSayFiles() {
    }

    /** Sound name (relative to the language folder) → Mandarin text, in a stable order. */
    public static Map<String, String> files() {
        return FILES;
    }
}
