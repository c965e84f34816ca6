package cn.hotline12345.cti.text.synth;

import java.util.List;

/**
 * One kind of matter the generator writes (the ground truth of hot-topic clustering).
 *
 * @param id         stable id, e.g. {@code construction_noise}
 * @param label      Chinese name of the kind
 * @param category   咨询, 求助, 建议, 投诉 or 举报
 * @param weight     relative frequency among matters
 * @param units      where such matters go, with probabilities; {@link #LOCAL} is the government of the matter's district
 * @param confusable units such matters are wrongly sent to first (and returned from)
 * @param subjects   subject templates
 * @param bodies     description templates
 * @param seasonal   true for heating themes, which occur only in the heating season
 */
record Theme(String id, String label, String category, double weight, List<UnitShare> units, List<String> confusable,
             List<String> subjects, List<String> bodies, boolean seasonal) {

    /** Stands for the matter's own district government (属地). */
    static final String LOCAL = "属地";

    /** A unit and the share of the theme's matters that end there. */
    record UnitShare(String unit, double share) { }

    static Theme of(String id, String label, String category, double weight, String units, String confusable,
                    List<String> subjects, List<String> bodies) {
        return new Theme(id, label, category, weight, shares(units), List.of(confusable.split(",")), subjects, bodies,
                id.startsWith("heating"));
    }

    /** "市住建局:0.55,属地:0.3" → shares. */
    private static List<UnitShare> shares(String spec) {
        return java.util.Arrays.stream(spec.split(","))
                .map(s -> s.split(":"))
                .map(p -> new UnitShare(p[0], Double.parseDouble(p[1])))
                .toList();
    }
}
