package cn.hotline12345.cti.user.api;


import cn.hotline12345.cti.user.internal.PasswordHasher;
import cn.hotline12345.cti.user.api.Role;

import java.util.regex.Pattern;

/**
 * A user to create, checked on construction: a refused value fails with {@link IllegalArgumentException}
 * naming the field.
 */
public record NewUser(String username, String displayName, String password, Role role, String unitId,
                      String extension, boolean canUnmask, String pbxId) {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{2,31}");
    private static final Pattern EXTENSION = Pattern.compile("[0-9]{3,8}");
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** The shape of a configured PBX id; whether it is configured is checked by the caller. */
    public static final Pattern PBX_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    /** A user on the first configured PBX. */
    public NewUser(String username, String displayName, String password, Role role, String unitId,
                   String extension, boolean canUnmask) {
        this(username, displayName, password, role, unitId, extension, canUnmask, null);
    }

    public NewUser {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username: 3 to 32 characters a-z 0-9 _ . - starting with a letter or digit");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 64
                || displayName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("displayName: 1 to 64 characters, no control characters");
        }
        PasswordHasher.checkPolicy(password, username);
        if (role == null) {
            throw new IllegalArgumentException("role: required");
        }
        if (role == Role.UNIT && (unitId == null || !UNIT.matcher(unitId).matches())) {
            throw new IllegalArgumentException("unitId: required for a unit user");
        }
        if (role != Role.UNIT && unitId != null) {
            throw new IllegalArgumentException("unitId: only unit users belong to a unit");
        }
        if (role == Role.AGENT && (extension == null || !EXTENSION.matcher(extension).matches())) {
            throw new IllegalArgumentException("extension: an agent needs an extension of 3 to 8 digits");
        }
        if (extension != null && !EXTENSION.matcher(extension).matches()) {
            throw new IllegalArgumentException("extension: 3 to 8 digits");
        }
        if (pbxId != null && !PBX_ID.matcher(pbxId).matches()) {
            throw new IllegalArgumentException("pbxId: 1 to 32 of a-z, 0-9, '_' or '-'");
        }
        if (pbxId != null && extension == null) {
            throw new IllegalArgumentException("pbxId: only a user with an extension has a phone on a PBX");
        }
    }

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", role=" + role + ", password=***]";
    }
}
