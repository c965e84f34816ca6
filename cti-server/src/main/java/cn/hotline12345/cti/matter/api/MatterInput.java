package cn.hotline12345.cti.matter.api;


import cn.hotline12345.cti.matter.internal.MatterValidator;
/**
 * The fields a person fills in for a matter (intake form, agent console, other channels' systems).
 * Null means "not given"; {@link MatterValidator} checks lengths always and completeness (contact,
 * address, art. 11) when the matter is accepted.
 */
public record MatterInput(MatterChannel channel, MatterCategory category, String subject, String content,
                          String area, String place, String address, Boolean hasPlace, String contactName,
                          String contactNumber, Boolean confidential, Urgency urgency) {
}
