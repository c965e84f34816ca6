package cn.hotline12345.cti.matter.api;

/**
 * Why a matter is not accepted (不予受理, art. 19). For the first kinds (art. 19 para. 1 item 1) the agent
 * must also tell the caller the proper channel; {@link #properChannel()} is the default wording.
 */
public enum NotAcceptedReason {
    LITIGATION("向人民法院提起诉讼"),
    ARBITRATION("向仲裁机构申请仲裁"),
    DISCIPLINE_INSPECTION("向纪检监察机关反映"),
    ADMINISTRATIVE_REVIEW("向行政复议机关申请行政复议"),
    INFORMATION_DISCLOSURE("向有关行政机关申请政府信息公开"),
    PETITION_IN_PROCESS(null),
    SECRET_PRIVACY_PUBLIC_ORDER(null),
    LAWFULLY_CONCLUDED(null),
    OTHER(null);

    private final String properChannel;

    NotAcceptedReason(String properChannel) {
        this.properChannel = properChannel;
    }

    /** The channel to tell the caller, for the art. 19 para. 1 item 1 kinds; null for the others. */
    public String properChannel() {
        return properChannel;
    }

    /** True where the caller must be told the proper channel. */
    public boolean needsProperChannel() {
        return properChannel != null;
    }

    public String code() {
        return Codes.db(this);
    }

    public static NotAcceptedReason parse(String s, String field) {
        return Codes.parse(NotAcceptedReason.class, s, field);
    }
}
