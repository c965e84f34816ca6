package cn.hotline12345.cti.text.api;

/** How a dispatch of a matter to a handling unit ended, as far as training is concerned. */
public enum DispatchOutcome {
    /** The unit handled the matter to the end (办结): evidence for the unit. */
    COMPLETED,
    /** The unit accepted (签收) and is handling it: weaker evidence for the unit. */
    ACCEPTED,
    /** The unit sent it back (退回) as not theirs: evidence against the unit. */
    RETURNED
}
