package cn.hotline12345.cti.text.api;

/** How the caller of a similar open matter relates to the caller of the new one. */
public enum CallerRelation {
    /** The same number: an ordinary repeat call. */
    SAME_NUMBER,
    /** Another number but the same reporter name: likely the same person calling about the same thing. */
    SAME_REPORTER_OTHER_NUMBER,
    /** Another number and no matching name: another citizen, a merge (并单) candidate when the place matches. */
    OTHER_CALLER,
    /** Not enough to tell (numbers missing). */
    UNKNOWN
}
