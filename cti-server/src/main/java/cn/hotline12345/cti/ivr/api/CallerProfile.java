package cn.hotline12345.cti.ivr.api;

/**
 * What the IVR needs to know about a caller.
 *
 * @param measure    the nuisance measure in force for this number (art. 12, 34), never {@code null}
 * @param openMatter the number of the caller's open matter a repeat caller is offered first, or {@code ""}
 * @param repeat     whether the number called before about a matter still open
 */
public record CallerProfile(Measure measure, String openMatter, boolean repeat) {

    /** A number the hotline knows nothing about. */
    public static final CallerProfile NOTHING_KNOWN = new CallerProfile(Measure.NONE, "", false);

    public CallerProfile {
        measure = measure == null ? Measure.NONE : measure;
        openMatter = openMatter == null ? "" : openMatter;
    }

    /** A measure against nuisance calls (骚扰电话), as the flow's {@code profile.measure} values. */
    public enum Measure {
        /** an ordinary caller */
        NONE("none"),
        /** the caller hears the legal warning, then goes on as usual */
        WARNING("warning"),
        /** the caller hears the legal warning and is routed to the dedicated queue {@code q-special} */
        DEDICATED_QUEUE("dedicated_queue");

        private final String flowValue;

        Measure(String flowValue) {
            this.flowValue = flowValue;
        }

        /** The value the flows compare against. */
        public String flowValue() {
            return flowValue;
        }
    }
}
