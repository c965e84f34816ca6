package cn.hotline12345.cti.text.synth;

import cn.hotline12345.cti.text.api.DispatchOutcome;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Generates a reproducible 12345 history of Weifang: the same options give the same matters, word for word.
 *
 * <p>Every matter belongs to a {@link Theme} (its kind), is located in a district (by the districts' shares), and goes
 * to a unit drawn from the theme's unit shares ({@link Theme#LOCAL} meaning the district's government). A share of
 * matters is first sent to a confusable unit, which returns it, before the right unit completes it. On top of the
 * background, incidents put several callers on one event (a pothole at one crossing, a heating outage in one estate for
 * a week, a water outage in a subdistrict, a site working at night, a company owing wages), and some reporters call
 * again about their own matter, half of them from another number.
 */
public final class HotlineHistoryGenerator {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final List<String> PREFIXES = List.of("市民来电反映：", "来电人称，", "市民反映，", "来电人反映：", "",
            "市民通过热线反映：", "");
    private static final List<String> FILLERS = List.of("真的受不了了", "已经反映过好几次了", "之前打过电话没人管",
            "麻烦尽快", "大家意见都很大", "");
    private static final Map<String, List<String>> REQUESTS = Map.of(
            "投诉", List.of("希望相关部门尽快处理。", "请有关部门管一管。", "要求尽快整改。", "希望给个说法。"),
            "求助", List.of("请尽快安排人员处理。", "希望尽快解决。", "麻烦帮忙协调一下。"),
            "咨询", List.of("请给予答复。", "希望工作人员回电告知。", "谢谢。"),
            "建议", List.of("建议相关部门考虑。", "希望采纳。"),
            "举报", List.of("请相关部门依法查处。", "希望严肃处理。"));

    /**
     * @param seed              random seed
     * @param start             first day (China time)
     * @param days              how many days
     * @param perDay            background matters per weekday (weekends 80 %)
     * @param wrongDispatchRate share of matters first sent to a wrong unit, which returns them
     * @param incidents         events reported by several callers
     * @param repeatRate        share of matters that are a reporter calling again about an earlier matter
     */
    public record Options(long seed, LocalDate start, int days, int perDay, double wrongDispatchRate, int incidents,
                          double repeatRate) {

        /** Ninety days from 1 December 2025 (heating season), 300 matters a day. */
        public static Options defaults() {
            return new Options(12345, LocalDate.of(2025, 12, 1), 90, 300, 0.12, 30, 0.06);
        }

        public Options withSeed(long s) {
            return new Options(s, start, days, perDay, wrongDispatchRate, incidents, repeatRate);
        }

        public Options withDays(int d, int perDayCount) {
            return new Options(seed, start, d, perDayCount, wrongDispatchRate, incidents, repeatRate);
        }

        public Options withIncidents(int n) {
            return new Options(seed, start, days, perDay, wrongDispatchRate, n, repeatRate);
        }
    }

    private final Options options;
    private final Random random;
    private final List<Theme> themes;
    private final double totalWeight;
    private final Map<String, Map<String, String>> slotsById = new java.util.HashMap<>();
    private int sequence;

    public HotlineHistoryGenerator(Options options) {
        this.options = options;
        this.random = new Random(options.seed());
        this.themes = Stream.concat(CityThemes.all().stream(), ServiceThemes.all().stream())
                .filter(t -> !t.seasonal() || inHeatingSeason(options.start()))
                .toList();
        this.totalWeight = themes.stream().mapToDouble(Theme::weight).sum();
    }

    /** The ids of all themes the generator writes. */
    public static List<String> themeIds() {
        return Stream.concat(CityThemes.all().stream(), ServiceThemes.all().stream()).map(Theme::id).toList();
    }

    public SyntheticHistory generate() {
        List<SyntheticMatter> out = new ArrayList<>();
        Instant begin = options.start().atStartOfDay(CHINA).toInstant();
        for (int day = 0; day < options.days(); day++) {
            LocalDate date = options.start().plusDays(day);
            boolean weekend = date.getDayOfWeek().getValue() >= 6;
            int n = (int) Math.round(options.perDay() * (weekend ? 0.8 : 1.0) * (0.9 + 0.2 * random.nextDouble()));
            Instant dayStart = date.atStartOfDay(CHINA).toInstant();
            for (int i = 0; i < n; i++) {
                out.add(background(dayStart.plusSeconds(secondOfDay())));
            }
        }
        for (int i = 0; i < options.incidents(); i++) {
            out.addAll(incident(i, begin));
        }
        out.sort(Comparator.comparing(SyntheticMatter::createdAt).thenComparing(SyntheticMatter::id));
        out = withRepeats(out);
        out.sort(Comparator.comparing(SyntheticMatter::createdAt).thenComparing(SyntheticMatter::id));
        return new SyntheticHistory(out);
    }

    private SyntheticMatter background(Instant at) {
        Theme theme = theme();
        Slots.District d = Slots.district(random);
        String sub = Slots.pick(random, d.subdistricts());
        Map<String, String> slots = Slots.fill(random, d, sub, Slots.estate(random), Slots.road(random, d),
                Slots.road(random, d), Slots.company(random));
        return matter(at, theme, d, slots, unitFor(theme, d), null, null, Slots.reporter(random), Slots.phone(random));
    }

    /** One event reported by several callers within a few days, all with the same place slots. */
    private List<SyntheticMatter> incident(int index, Instant begin) {
        record Kind(String theme, int min, int max, int days) { }
        List<Kind> kinds = new ArrayList<>(List.of(new Kind("pothole", 4, 10, 3), new Kind("water_outage", 15, 40, 2),
                new Kind("construction_noise", 8, 20, 10), new Kind("wage_arrears", 6, 15, 5),
                new Kind("bbq_fumes", 5, 12, 7)));
        if (themes.stream().anyMatch(t -> t.id().equals("heating_cold"))) {
            kinds.add(new Kind("heating_cold", 30, 80, 7));
        }
        Kind kind = kinds.get(index % kinds.size());
        Theme theme = themes.stream().filter(t -> t.id().equals(kind.theme())).findFirst().orElseThrow();
        Slots.District d = Slots.district(random);
        String sub = Slots.pick(random, d.subdistricts());
        String estate = Slots.estate(random);
        String road = Slots.road(random, d);
        String road2 = Slots.road(random, d);
        while (road2.equals(road)) {
            road2 = Slots.road(random, d);
        }
        String company = Slots.company(random);
        String unit = unitFor(theme, d);
        String incidentId = "INC-" + (index + 1) + "-" + theme.id();
        int reports = kind.min() + random.nextInt(kind.max() - kind.min() + 1);
        long spanSeconds = Math.max(1, (long) Math.max(1, options.days() - kind.days()) * 86_400L);
        Instant first = begin.plusSeconds((long) (random.nextDouble() * spanSeconds));
        List<SyntheticMatter> out = new ArrayList<>(reports);
        for (int r = 0; r < reports; r++) {
            Instant at = first.plusSeconds((long) (random.nextDouble() * kind.days() * 86_400L));
            Map<String, String> slots = Slots.fill(random, d, sub, estate, road, road2, company);
            out.add(matter(at, theme, d, slots, unit, incidentId, null, Slots.reporter(random), Slots.phone(random)));
        }
        return out;
    }

    /** Turns some matters into a reporter calling again: same theme and place, half of them from another number. */
    private List<SyntheticMatter> withRepeats(List<SyntheticMatter> matters) {
        List<SyntheticMatter> out = new ArrayList<>(matters);
        int repeats = (int) (matters.size() * options.repeatRate());
        for (int i = 0; i < repeats; i++) {
            SyntheticMatter earlier = matters.get(random.nextInt(matters.size()));
            Theme theme = themes.stream().filter(t -> t.id().equals(earlier.themeId())).findFirst().orElseThrow();
            Slots.District d = Slots.DISTRICTS.stream().filter(x -> x.name().equals(earlier.district())).findFirst()
                    .orElseThrow();
            Instant at = earlier.createdAt().plus(Duration.ofHours(2 + random.nextInt(70)));
            String number = random.nextBoolean() ? earlier.callerNumber() : Slots.phone(random);
            // the reporter tells the same story in other words: same place slots, a new template draw
            Map<String, String> before = slotsById.get(earlier.id());
            Map<String, String> slots = Slots.fill(random, d, before.get("sub"), before.get("estate"),
                    before.get("road"), before.get("road2"), before.get("company"));
            out.add(matter(at, theme, d, slots, earlier.finalUnit(), earlier.incidentId(), earlier.id(),
                    earlier.reporterName(), number));
        }
        return out;
    }

    private SyntheticMatter matter(Instant at, Theme theme, Slots.District d, Map<String, String> slots, String unit,
                                   String incidentId, String repeatOf, String reporter, String number) {
        String subject = Paraphrase.words(random, Slots.render(Slots.pick(random, theme.subjects()), slots));
        String filler = Slots.pick(random, FILLERS);
        String body = Paraphrase.vary(random, Slots.pick(random, theme.bodies()), theme.bodies());
        String description = Slots.pick(random, PREFIXES) + Paraphrase.words(random, Slots.render(body, slots))
                + (filler.isEmpty() ? "。" : "，" + filler + "。")
                + Slots.pick(random, REQUESTS.get(theme.category()));
        List<SyntheticMatter.Dispatch> dispatches = new ArrayList<>(2);
        if (random.nextDouble() < options.wrongDispatchRate()) {
            String wrong = resolve(Slots.pick(random, theme.confusable()), d);
            if (!wrong.equals(unit)) {
                dispatches.add(new SyntheticMatter.Dispatch(wrong, DispatchOutcome.RETURNED));
            }
        }
        Instant closed = at.plus(Duration.ofHours(24 + random.nextInt(24 * 9)));
        Instant end = options.start().plusDays(options.days()).atStartOfDay(CHINA).toInstant();
        dispatches.add(new SyntheticMatter.Dispatch(unit,
                closed.isAfter(end) ? DispatchOutcome.ACCEPTED : DispatchOutcome.COMPLETED));
        String id = String.format("SY%s%06d", at.atZone(CHINA).toLocalDate().toString().replace("-", ""), ++sequence);
        slotsById.put(id, slots);
        return new SyntheticMatter(id, at, closed, number, reporter, d.name(), address(theme, d, slots),
                theme.category(), subject, description,
                theme.id(), incidentId, repeatOf, List.copyOf(dispatches));
    }

    /** Where an agent would record the matter: the crossing or road for street themes, the company, or the estate. */
    private static String address(Theme theme, Slots.District d, Map<String, String> slots) {
        String where = switch (theme.id()) {
            case "pothole", "traffic_signal" -> slots.get("road") + "与" + slots.get("road2") + "路口";
            case "manhole", "street_vendor", "streetlight", "parking", "waterlogging" -> slots.get("road");
            case "wage_arrears", "labor_contract", "factory_pollution" -> slots.get("company");
            default -> slots.get("sub") + slots.get("estate");
        };
        return d.name() + where;
    }

    private Theme theme() {
        double x = random.nextDouble() * totalWeight;
        for (Theme t : themes) {
            x -= t.weight();
            if (x < 0) {
                return t;
            }
        }
        return themes.get(themes.size() - 1);
    }

    private String unitFor(Theme theme, Slots.District d) {
        double x = random.nextDouble();
        for (Theme.UnitShare s : theme.units()) {
            x -= s.share();
            if (x < 0) {
                return resolve(s.unit(), d);
            }
        }
        return resolve(theme.units().get(0).unit(), d);
    }

    private static String resolve(String unit, Slots.District d) {
        return Theme.LOCAL.equals(unit) ? d.government() : unit;
    }

    /** Calls come mostly in office hours, some in the evening, few at night. */
    private long secondOfDay() {
        double x = random.nextDouble();
        int hour = x < 0.75 ? 8 + random.nextInt(10) : x < 0.95 ? 18 + random.nextInt(5) : random.nextInt(8);
        return hour * 3600L + random.nextInt(3600);
    }

    private static boolean inHeatingSeason(LocalDate day) {
        MonthDay md = MonthDay.from(day);
        return !md.isBefore(MonthDay.of(11, 15)) || !md.isAfter(MonthDay.of(3, 15));
    }
}
