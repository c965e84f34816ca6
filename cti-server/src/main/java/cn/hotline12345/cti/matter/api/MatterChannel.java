package cn.hotline12345.cti.matter.api;

/** 热线事项渠道 = the channel a matter came in through (art. 2). */
public enum MatterChannel {
    PHONE, WECHAT, WEIBO, WEB, APP, LETTER;

    /** The database and API spelling (lower case). */
    public String code() {
        return Codes.db(this);
    }

    /** Parses the lower-case spelling; an unknown value is a validation error naming {@code field}. */
    public static MatterChannel parse(String s, String field) {
        return Codes.parse(MatterChannel.class, s, field);
    }
}
