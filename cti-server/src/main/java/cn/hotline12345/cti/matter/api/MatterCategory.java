package cn.hotline12345.cti.matter.api;

/**
 * The kind of a matter (art. 2, 10): consultation (咨询), help request (求助), suggestion (意见建议),
 * complaint (投诉), report (举报).
 */
public enum MatterCategory {
    CONSULTATION, HELP, SUGGESTION, COMPLAINT, REPORT;

    public String code() {
        return Codes.db(this);
    }

    public static MatterCategory parse(String s, String field) {
        return Codes.parse(MatterCategory.class, s, field);
    }

    /**
     * The category chosen in the IVR menu: the digit of the hotline flow's menu (1 consultation, 2 help,
     * 3 suggestion, 4 complaint, 5 report) or the category's name; anything else gives null (the agent
     * chooses).
     */
    public static MatterCategory fromIvrChoice(String choice) {
        if (choice == null || choice.isBlank()) {
            return null;
        }
        String c = choice.trim();
        switch (c) {
            case "1": return CONSULTATION;
            case "2": return HELP;
            case "3": return SUGGESTION;
            case "4": return COMPLAINT;
            case "5": return REPORT;
            default:
                for (MatterCategory m : values()) {
                    if (m.code().equalsIgnoreCase(c)) {
                        return m;
                    }
                }
                return null;
        }
    }
}
