package cn.hotline12345.cti.user.api;

import cn.hotline12345.cti.user.api.Role;

/**
 * A user of the console, the wallboard or the unit desk ({@code app_user}).
 *
 * @param unitId    the handling unit (承办单位) of a {@link Role#UNIT} user, else null
 * @param extension the phone extension of an agent (digits), else null
 * @param canUnmask may see full phone numbers (every unmask is audited)
 * @param pbxId     the PBX the agent's phone is on ({@code pbxs[].id}); null = the first configured PBX
 */
public record User(long id, String username, String displayName, Role role, String unitId, String extension,
                   boolean canUnmask, boolean active, String pbxId) {

    /** A user on the first configured PBX. */
    public User(long id, String username, String displayName, Role role, String unitId, String extension,
                boolean canUnmask, boolean active) {
        this(id, username, displayName, role, unitId, extension, canUnmask, active, null);
    }
}
