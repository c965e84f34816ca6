package cn.hotline12345.cti.text.web;

import cn.hotline12345.cti.screens.ScreensServer;

/** Matters written straight into the test database: the history the text engine learns from. */
final class TextSeed {

    /** Closed noise matters (three wordings) led by demo-unit, heating matters (three wordings) led by demo-unit-2. */
    static final String[][] NOISE = {
            {"工地夜间施工噪音扰民", "小区旁边的工地每天夜里施工，噪音很大，影响休息"},
            {"晚上打桩太吵睡不着", "工地晚上十一点还在打桩，吵得孩子睡不着觉"},
            {"半夜施工机器轰鸣", "半夜工地机器轰鸣不停，希望管一管夜间施工"},
    };
    static final String[][] HEATING = {
            {"暖气不热", "家里暖气不热，屋里只有十三度"},
            {"家里暖气冰凉", "这几天暖气片冰凉，老人在家很冷"},
            {"供暖温度低", "小区供暖温度低，室温一直达不到标准"},
    };

    private TextSeed() {
    }

    /** {@code perWording} closed matters of each wording, opened in the last three days. */
    static void history(ScreensServer s, int perWording) {
        int n = 0;
        for (int i = 0; i < perWording; i++) {
            for (String[] w : NOISE) {
                matter(s, "TX" + (n++), w[0], w[1], "demo-unit", "closed", (n % 3) + 1);
            }
            for (String[] w : HEATING) {
                matter(s, "TX" + (n++), w[0], w[1], "demo-unit-2", "closed", (n % 3) + 1);
            }
        }
    }

    /** One matter with its lead unit; returns its id. */
    static long matter(ScreensServer s, String number, String subject, String content, String unit, String status,
                       int daysAgo) {
        return s.server.db().query(dsl -> {
            long id = ((Number) dsl.fetchValue("insert into matter (number, channel, category, subject, content, area, "
                            + "address, status, lead_unit_id, created_at) values (?, 'phone', 'complaint', ?, ?, '奎文区', ?, ?, ?, "
                            + "now() - make_interval(days => ?)) returning id", number, subject, content,
                    "奎文区" + subject.substring(0, 2) + "小区", status, unit, daysAgo)).longValue();
            dsl.execute("insert into matter_unit (matter_id, unit_id, role) values (?, ?, 'lead')", id, unit);
            return id;
        }).await();
    }
}
