package cn.hotline12345.cti.user;

import cn.hotline12345.cti.web.auth.Role;

/**
 * A user of the console, the wallboard or the unit desk ({@code app_user}).
 *
 * @param unitId    the handling unit (承办单位) of a {@link Role#UNIT} user, else null
 * @param extension the phone extension of an agent (digits), else null
 * @param canUnmask may see full phone numbers (every unmask is audited)
 */
public record User(long id, String username, String displayName, Role role, String unitId, String extension,
                   boolean canUnmask, boolean active) {
}
