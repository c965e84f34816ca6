package cn.hotline12345.cti.text.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Variation on top of templates, so that two matters from one template rarely read alike: clauses borrowed from
 * another template of the same theme or dropped, colloquial substitutions (特别 → 贼, 晚上 → 夜里, 噪音 → 动静), and the
 * typing slips agents make under time pressure (燥音, 暖器). Several substitutes are not in the hotline dictionary on
 * purpose: clustering and dispatch are measured against wording the dictionary does not know.
 */
final class Paraphrase {

    private static final String[][] SUBSTITUTES = {
            {"特别", "非常", "太", "贼", "相当"},
            {"晚上", "夜里", "夜间", "晚间"},
            {"睡不着觉", "休息不好", "没法睡", "整宿睡不着"},
            {"孩子", "小孩"},
            {"老人", "老年人", "上了年纪的人"},
            {"没人管", "没人处理", "也没人来看看"},
            {"好几次", "多次", "很多回"},
            {"很大", "挺大", "老大了"},
            {"一直", "始终", "总是"},
            {"家里", "家中", "屋里"},
            {"楼下", "楼底下"},
            {"噪音", "噪声", "动静"},
            {"吵得", "闹得", "吵的"},
            {"工地", "施工现场", "建筑工地"},
            {"停水", "断水", "没水"},
            {"不热", "不怎么热", "温度上不来"},
            {"太危险", "很危险", "容易出事"},
            {"根本", "压根", "完全"},
            {"电话", "热线"},
            {"怎么办理", "怎么办", "在哪办"},
    };
    private static final String[][] SLIPS = {{"噪音", "燥音"}, {"暖气", "暖器"}, {"拖欠", "拖久"}, {"油烟", "油眼"},
            {"报销", "报消"}, {"物业", "物叶"}};

    private Paraphrase() {
    }

    /** The body with clauses varied: sometimes another template's opening, sometimes a clause fewer. */
    static String vary(Random r, String body, List<String> siblings) {
        List<String> clauses = new ArrayList<>(Arrays.asList(body.split("，")));
        if (siblings.size() > 1 && r.nextDouble() < 0.35) {
            String other = siblings.get(r.nextInt(siblings.size()));
            clauses.set(0, other.split("，")[0]);
        }
        if (clauses.size() >= 3 && r.nextDouble() < 0.3) {
            clauses.remove(1 + r.nextInt(clauses.size() - 1));
        }
        return String.join("，", clauses);
    }

    /** Colloquial substitutions (each occurrence with probability one half) and, rarely, a typing slip. */
    static String words(Random r, String text) {
        String out = text;
        for (String[] s : SUBSTITUTES) {
            if (out.contains(s[0]) && r.nextBoolean()) {
                out = out.replace(s[0], s[1 + r.nextInt(s.length - 1)]);
            }
        }
        if (r.nextDouble() < 0.05) {
            String[] slip = SLIPS[r.nextInt(SLIPS.length)];
            out = out.replace(slip[0], slip[1]);
        }
        return out;
    }
}
