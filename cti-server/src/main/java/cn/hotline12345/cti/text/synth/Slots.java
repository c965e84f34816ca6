package cn.hotline12345.cti.text.synth;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Slot fillers: the districts of Weifang with some of their subdistricts, roads, invented estate and company names,
 * times and amounts. District and subdistrict names are public geography; estates and companies are made up from
 * parts so that no real business is named.
 */
final class Slots {

    /** District, its share of matters, its government as a handling unit, some subdistricts. */
    record District(String name, double share, String government, List<String> subdistricts, boolean urban) { }

    static final List<District> DISTRICTS = List.of(
            new District("奎文区", 0.14, "奎文区政府", List.of("东关街道", "大虞街道", "梨园街道", "廿里堡街道", "潍州路街道", "北苑街道", "广文街道"), true),
            new District("潍城区", 0.10, "潍城区政府", List.of("城关街道", "南关街道", "北关街道", "于河街道", "望留街道", "乐埠山街道"), true),
            new District("坊子区", 0.06, "坊子区政府", List.of("坊安街道", "凤凰街道", "九龙街道", "黄旗堡街道"), true),
            new District("寒亭区", 0.06, "寒亭区政府", List.of("寒亭街道", "开元街道", "固堤街道"), true),
            new District("高新区", 0.10, "高新区管委会", List.of("新城街道", "清池街道", "北海路街道", "东明街道"), true),
            new District("滨海区", 0.03, "滨海区管委会", List.of("大家洼街道", "央子街道"), false),
            new District("青州市", 0.08, "青州市政府", List.of("王府街道", "益都街道", "云门山街道"), false),
            new District("诸城市", 0.09, "诸城市政府", List.of("密州街道", "龙都街道", "舜王街道"), false),
            new District("寿光市", 0.09, "寿光市政府", List.of("圣城街道", "文家街道", "古城街道", "洛城街道"), false),
            new District("安丘市", 0.06, "安丘市政府", List.of("新安街道", "兴安街道"), false),
            new District("高密市", 0.07, "高密市政府", List.of("醴泉街道", "朝阳街道", "密水街道"), false),
            new District("昌邑市", 0.05, "昌邑市政府", List.of("奎聚街道", "都昌街道"), false),
            new District("临朐县", 0.04, "临朐县政府", List.of("城关街道", "东城街道"), false),
            new District("昌乐县", 0.03, "昌乐县政府", List.of("宝城街道", "朱刘街道"), false));

    private static final List<String> CITY_ROADS = List.of("胜利东街", "胜利西街", "东风东街", "东风西街", "北海路", "新华路",
            "和平路", "四平路", "文化路", "健康街", "福寿街", "虞河路", "北宫街", "青年路", "金宝街", "宝通街", "玉清街", "民生街",
            "鸢飞路", "潍州路", "月河路", "清平路", "梨园街", "樱前街", "友爱路", "向阳路");
    private static final List<String> TOWN_ROADS = List.of("人民路", "建设路", "文化路", "振兴路", "府前街", "育才路", "商业街",
            "利民街", "团结路", "新兴路", "迎宾路", "长安路");
    private static final List<String> ESTATE_HEADS = List.of("阳光", "金色", "翡翠", "幸福", "和谐", "锦绣", "东方", "华都", "恒信",
            "银座", "盛世", "绿城", "颐和", "御景", "丽景", "书香", "福园", "香榭", "泰华", "清华", "紫薇", "玉兰", "龙湖", "怡心",
            "康乐", "仁和", "春晖", "世纪", "滨河", "凤凰");
    private static final List<String> ESTATE_TAILS = List.of("花园", "小区", "家园", "苑", "名都", "华府", "新村", "雅居");
    private static final List<String> SHOPS = List.of("烧烤店", "饭店", "小吃店", "KTV", "酒吧", "超市", "健身房", "网吧",
            "麻将馆", "洗车店", "美容店", "理发店", "火锅店");
    private static final List<String> COMPANY_HEADS = List.of("鑫源", "华泰", "恒达", "宏远", "瑞丰", "盛通", "金诺", "永安", "天泽",
            "润发", "德隆", "佳禾");
    private static final List<String> COMPANY_TRADES = List.of("建筑工程", "商贸", "机械制造", "物流", "食品", "纺织", "装饰工程",
            "化工", "劳务");
    private static final List<String> NIGHTS = List.of("晚上十点多", "夜里十一点以后", "凌晨一两点", "半夜", "每天晚上", "大半夜",
            "晚上", "深夜");
    private static final List<String> LATES = List.of("夜里十二点", "凌晨两点", "十一点多", "后半夜", "快一点");
    private static final List<String> DURATIONS = List.of("两天", "三天", "一个星期", "半个多月", "一个多月", "好几天", "十来天");
    private static final List<String> SCHOOLS = List.of("实验小学", "第一中学", "育才小学", "北海学校", "新华中学", "东关小学");
    private static final List<String> HOSPITALS = List.of("市人民医院", "市中医院", "社区卫生服务中心", "妇幼保健院");
    private static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
            "马", "朱", "胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "韩", "曹", "许", "邓", "冯");
    private static final List<String> GIVEN = List.of("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
            "娟", "涛", "明", "超", "秀英", "桂英", "建国", "玉兰", "志强", "海燕", "国庆", "春梅", "晓东", "红霞", "文斌");

    private Slots() {
    }

    static <T> T pick(Random r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    static District district(Random r) {
        double x = r.nextDouble();
        double sum = 0;
        for (District d : DISTRICTS) {
            sum += d.share();
            if (x < sum) {
                return d;
            }
        }
        return DISTRICTS.get(0);
    }

    static String road(Random r, District d) {
        return pick(r, d.urban() ? CITY_ROADS : TOWN_ROADS);
    }

    static String estate(Random r) {
        String tail = pick(r, ESTATE_TAILS);
        String name = pick(r, ESTATE_HEADS) + tail;
        return r.nextInt(4) == 0 && !tail.equals("小区") ? name + "小区" : name;
    }

    static String company(Random r) {
        return "潍坊" + pick(r, COMPANY_HEADS) + pick(r, COMPANY_TRADES) + "有限公司";
    }

    static String reporter(Random r) {
        return pick(r, SURNAMES) + pick(r, GIVEN);
    }

    static String phone(Random r) {
        return "1" + (3 + r.nextInt(7)) + String.format("%09d", r.nextInt(1_000_000_000));
    }

    /** Fixed slots of one matter; an incident fixes the place slots for all its reports. */
    static Map<String, String> fill(Random r, District d, String sub, String estate, String road, String road2,
                                    String company) {
        String loc = switch (r.nextInt(5)) {
            case 0 -> d.name() + sub + estate;
            case 1 -> sub + estate;
            case 2 -> estate;
            case 3 -> "家住" + estate;
            default -> d.name() + road + "附近";
        };
        return Map.ofEntries(Map.entry("loc", loc), Map.entry("estate", estate), Map.entry("road", road),
                Map.entry("road2", road2), Map.entry("company", company), Map.entry("district", d.name()),
                Map.entry("sub", sub), Map.entry("shop", pick(r, SHOPS)), Map.entry("night", pick(r, NIGHTS)),
                Map.entry("late", pick(r, LATES)), Map.entry("duration", pick(r, DURATIONS)),
                Map.entry("school", pick(r, SCHOOLS)), Map.entry("hospital", pick(r, HOSPITALS)),
                Map.entry("num", String.valueOf(2 + r.nextInt(30))), Map.entry("age", String.valueOf(45 + r.nextInt(15))),
                Map.entry("amount", String.valueOf((1 + r.nextInt(60)) * 500)),
                Map.entry("temp", String.valueOf(11 + r.nextInt(6))));
    }

    static String render(String template, Map<String, String> slots) {
        StringBuilder b = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                b.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            b.append(template, i, open);
            b.append(slots.getOrDefault(template.substring(open + 1, close), ""));
            i = close + 1;
        }
        return b.toString();
    }
}
