package cn.hotline12345.cti.user.api;

/**
 * Who is making a request, as established by authentication (a console session, or a handling unit's
 * API key). Put on the routing context under {@link #CONTEXT_KEY}; handlers read it with
 * {@code ctx.get(Principal.CONTEXT_KEY)}.
 *
 * @param userId    the app_user id (0 for a unit's system key)
 * @param username  login name, used in audit entries
 * @param role      the role
 * @param unitId    the handling unit, for {@link Role#UNIT}; null otherwise
 * @param extension the agent's phone extension (e.g. 1001), null for others
 * @param canUnmask whether full phone numbers may be shown (every unmask is audited)
 * @param pbxId     the PBX the agent's phone is on, resolved (never null for a console session: a user without
 *                  one is on the first configured PBX); null for a unit's key
 */
public record Principal(long userId, String username, Role role, String unitId, String extension, boolean canUnmask,
                        String pbxId) {

    public static final String CONTEXT_KEY = "cti.principal";

    /** A principal without a PBX (units' keys, tests that do not involve a phone). */
    public Principal(long userId, String username, Role role, String unitId, String extension, boolean canUnmask) {
        this(userId, username, role, unitId, extension, canUnmask, null);
    }

    public boolean hasAnyRole(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }
}
