package cn.hotline12345.cti.text.internal;

import cn.hotline12345.cti.text.api.TextPriority;
import cn.hotline12345.cti.text.api.UrgencyFlag;

import java.util.ArrayList;
import java.util.List;

import static cn.hotline12345.cti.text.api.TextPriority.HIGH;
import static cn.hotline12345.cti.text.api.TextPriority.URGENT;
import static cn.hotline12345.cti.text.api.UrgencyFlag.CHILD_IN_DANGER;
import static cn.hotline12345.cti.text.api.UrgencyFlag.ELDERLY_IN_DANGER;
import static cn.hotline12345.cti.text.api.UrgencyFlag.FIRE;
import static cn.hotline12345.cti.text.api.UrgencyFlag.GAS_LEAK;
import static cn.hotline12345.cti.text.api.UrgencyFlag.SELF_HARM;
import static cn.hotline12345.cti.text.api.UrgencyFlag.THREAT;
import static cn.hotline12345.cti.text.api.UrgencyFlag.VIOLENCE;

/**
 * The phrases of the urgency screen, matched on text with spaces and punctuation removed. A phrase match is dropped
 * when an exclusion of the same flag covers it (防火门 is no fire, 跳楼价 no self-harm, 轮胎漏气 no gas leak). Self-harm
 * has almost no exclusions on purpose: quoted, negated or joking, it still reaches a person.
 */
final class UrgencyRules {

    record Phrase(UrgencyFlag flag, String phrase, TextPriority priority) { }

    record Exclusion(UrgencyFlag flag, String phrase) { }

    /** A person word followed within {@link #PAIR_GAP} characters by a danger word. */
    record Pair(UrgencyFlag flag, List<String> who, List<String> danger, TextPriority priority) { }

    static final int PAIR_GAP = 6;

    static final List<Phrase> PHRASES;
    static final List<Exclusion> EXCLUSIONS;
    static final List<Pair> PAIRS = List.of(
            new Pair(CHILD_IN_DANGER, List.of("孩子", "小孩", "儿童", "婴儿", "宝宝", "女儿", "儿子", "小朋友"),
                    List.of("被困", "困在", "被锁", "锁在", "掉进", "掉下", "溺水", "坠楼", "被打", "被拐", "虐待", "走失",
                            "失踪", "不见了", "找不到了", "爬到窗", "出不来", "昏迷"), URGENT),
            new Pair(ELDERLY_IN_DANGER, List.of("老人", "老太太", "老大爷", "老爷子", "大爷", "大娘", "奶奶", "爷爷", "老母亲",
                    "老父亲", "独居老人"), List.of("摔倒", "晕倒", "昏迷", "倒在地上", "被困", "困在", "出不来", "没气了",
                    "不省人事", "被打", "虐待", "中毒"), URGENT),
            new Pair(ELDERLY_IN_DANGER, List.of("老人", "老太太", "老大爷", "老爷子", "奶奶", "爷爷", "老母亲", "老父亲",
                    "独居老人"), List.of("走失", "失踪", "不见了", "联系不上", "几天没出门", "好几天没见"), HIGH));

    static {
        List<Phrase> p = new ArrayList<>();
        add(p, SELF_HARM, URGENT, "轻生", "不想活了", "不想活", "活不下去", "活着没意思", "活着没有意思", "自杀", "寻死",
                "跳楼", "跳河", "割腕", "喝农药", "吃安眠药", "一死了之", "了结自己", "死了算了", "结束自己的生命", "想死",
                "不活了", "寻短见", "上吊");
        add(p, THREAT, URGENT, "同归于尽", "炸了", "炸掉", "放火烧", "泼汽油", "带汽油", "弄死", "杀了他", "杀了你", "砍死",
                "血债血偿", "拼了这条命", "跟他们拼了", "和他们拼了");
        add(p, THREAT, HIGH, "报复", "威胁", "不会放过", "让他们好看", "走着瞧", "去闹事", "拉横幅");
        add(p, FIRE, URGENT, "着火", "起火", "失火", "火灾", "大火", "火苗", "冒烟", "烧起来", "烧着了", "火警", "浓烟",
                "着了火");
        add(p, GAS_LEAK, URGENT, "煤气味", "燃气味", "天然气味", "液化气味", "燃气泄漏", "煤气泄漏", "天然气泄漏",
                "燃气泄露", "煤气泄露", "天然气泄露", "漏气", "闻到煤气", "一股煤气", "燃气管道破裂");
        add(p, VIOLENCE, URGENT, "打人", "殴打", "被打", "砍人", "持刀", "拿刀", "动刀", "家暴", "家庭暴力", "打伤", "捅伤",
                "打架斗殴", "围殴", "头破血流", "性侵", "猥亵", "强奸", "绑架");
        PHRASES = List.copyOf(p);
        List<Exclusion> e = new ArrayList<>();
        exclude(e, SELF_HARM, "跳楼价", "跳楼甩卖", "跳楼大甩卖");
        exclude(e, THREAT, "报复性消费", "报复性熬夜", "报复性出游", "威胁健康", "威胁到健康", "威胁居民健康",
                "威胁身体健康", "威胁到居民", "威胁安全", "威胁到安全", "威胁行人安全", "安全威胁", "构成威胁", "炸了锅",
                "弄死老鼠", "轮胎炸了");
        exclude(e, FIRE, "火灾隐患", "防火灾", "防止火灾", "预防火灾", "消防火灾", "没有着火", "没着火", "防止着火",
                "以防着火", "万一着火", "一旦着火", "如果着火", "着火了怎么办", "着火怎么办", "万一发生火灾", "一旦发生火灾",
                "发生火灾怎么办", "发生火灾时", "引发火灾", "造成火灾", "万一失火", "一旦失火", "容易起火", "容易着火",
                "着火了似的", "像着火", "跟着火了一样", "大火锅", "大火车", "烟囱冒烟", "排气管冒烟", "嗓子冒烟",
                "冒烟似的", "大火候", "火灾演练", "打不着火", "打着火", "点不着火", "着不了火", "打火打不着");
        exclude(e, GAS_LEAK, "轮胎漏气", "车胎漏气", "胎漏气", "暖气漏气", "暖气片漏气", "没有煤气味", "没闻到煤气",
                "没有燃气味", "漏气门", "篮球漏气");
        exclude(e, VIOLENCE, "被打扰", "被打开", "被打断", "被打回", "被打捞", "被打乱", "被打包", "被打卡", "被打折",
                "被打印", "打人民", "打人家", "拿刀具");
        EXCLUSIONS = List.copyOf(e);
    }

    private UrgencyRules() {
    }

    private static void add(List<Phrase> out, UrgencyFlag flag, TextPriority priority, String... phrases) {
        for (String s : phrases) {
            out.add(new Phrase(flag, s, priority));
        }
    }

    private static void exclude(List<Exclusion> out, UrgencyFlag flag, String... phrases) {
        for (String s : phrases) {
            out.add(new Exclusion(flag, s));
        }
    }
}
