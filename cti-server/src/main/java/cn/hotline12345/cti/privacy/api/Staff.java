package cn.hotline12345.cti.privacy.api;

import java.util.Objects;

/**
 * Who acts on or looks at a caller's personal data, as the domain sees it (the web layer maps its
 * authenticated principal to this, so the domain does not depend on HTTP).
 *
 * @param username  login name, or {@code system:<rule>}; written into audit entries
 * @param role      the role
 * @param unitId    the handling unit for {@link StaffRole#UNIT}, null otherwise
 * @param canUnmask whether full numbers may be shown (each unmask is audited)
 */
public record Staff(String username, StaffRole role, String unitId, boolean canUnmask) {

    public Staff {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        if (username.isBlank()) {
            throw new IllegalArgumentException("a staff member needs a name");
        }
    }

    /** An automatic rule acting: {@code system:<rule>}, never allowed to unmask. */
    public static Staff system(String rule) {
        return new Staff("system:" + rule, StaffRole.SYSTEM, null, false);
    }

    public boolean isSupervisor() {
        return role == StaffRole.SUPERVISOR;
    }
}
