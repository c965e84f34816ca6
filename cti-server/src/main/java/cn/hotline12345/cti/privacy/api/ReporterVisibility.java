package cn.hotline12345.cti.privacy.api;

/**
 * How much of a matter's reporter (name and number) a viewer may see (art. 7, 11, 13). A confidential
 * report's reporter (a whistle-blower who asked for confidentiality) is visible only to the agent who took it
 * and to supervisors with the unmask right; everyone else, handling units included, sees nothing at all.
 * Non-confidential reporters are masked unless the viewer has the unmask right.
 *
 * <p>{@link Level#FULL} means "may be shown in full"; code that shows a full number to a person still goes
 * through {@link Unmasker} so the view is audited, except for the agent who took the report (who heard it).
 */
public final class ReporterVisibility {

    /** What the viewer gets. */
    public enum Level {
        /** Name and number in full. */
        FULL,
        /** Number masked ({@code 138****8000}), name reduced to its first character. */
        MASKED,
        /** Neither name nor number; not even a masked hint. */
        HIDDEN
    }

    /**
     * The facts of a matter the policy needs.
     *
     * @param confidential the reporter asked for confidentiality (art. 11)
     * @param takenBy      the user name of the agent who took the matter
     */
    public record ReportedMatter(boolean confidential, String takenBy) {
    }

    private ReporterVisibility() {
    }

    public static Level decide(Staff viewer, ReportedMatter matter) {
        if (viewer == null || viewer.role() == StaffRole.SYSTEM) {
            return matter.confidential() ? Level.HIDDEN : Level.MASKED;
        }
        if (matter.confidential()) {
            boolean taker = matter.takenBy() != null && matter.takenBy().equals(viewer.username())
                    && viewer.role() == StaffRole.AGENT;
            boolean authorisedSupervisor = viewer.role() == StaffRole.SUPERVISOR && viewer.canUnmask();
            return taker || authorisedSupervisor ? Level.FULL : Level.HIDDEN;
        }
        return viewer.canUnmask() ? Level.FULL : Level.MASKED;
    }

    /** Applies a level to a reporter's name: FULL keeps it, MASKED keeps the first character, HIDDEN drops it. */
    public static String name(Level level, String name) {
        if (name == null || name.isEmpty()) {
            return level == Level.HIDDEN ? null : name;
        }
        return switch (level) {
            case FULL -> name;
            case MASKED -> name.substring(0, name.offsetByCodePoints(0, 1)) + "**";
            case HIDDEN -> null;
        };
    }

    /** Applies a level to a reporter's number: FULL keeps it, MASKED masks it, HIDDEN drops it. */
    public static String number(Level level, String number) {
        return switch (level) {
            case FULL -> number;
            case MASKED -> PhoneMasking.mask(number);
            case HIDDEN -> null;
        };
    }
}
