package cn.hotline12345.cti.text.api;

/** What a {@link DictionaryEntry} is for. */
public enum WordKind {
    /** A word segmented as one token (a complaint word such as 油烟, 占道经营, 拖欠工资). */
    TERM,
    /** A place name (district, street, road, estate) segmented as one token and used for place matching. */
    PLACE,
    /** A handling unit's name (承办单位), segmented as one token. */
    UNIT,
    /** A stop word: never a feature, never a label, never a decisive word. */
    STOPWORD
}
