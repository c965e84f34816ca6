package cn.hotline12345.cti.text.api;

/**
 * Sensitive-word and urgency screen of intake text: threats, self-harm, fire, gas, violence, a child or an elderly
 * person in danger. Matches survive spaces and punctuation inside a phrase, full-width and traditional characters;
 * known harmless compounds (防火门, 跳楼价, 火锅, ...) do not flag. Self-harm errs on the side of flagging: quoted or
 * negated phrasing still flags. Pure CPU, microseconds; never throws.
 */
public interface UrgencyScreen {

    /** Screens the text (null or empty gives no flags and a note). */
    UrgencyAssessment screen(String text);
}
