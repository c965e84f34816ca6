package cn.hotline12345.cti.user;

import cn.hotline12345.cti.web.auth.Role;

import java.util.regex.Pattern;

/**
 * A user to create, checked on construction: a refused value fails with {@link IllegalArgumentException}
 * naming the field.
 */
public record NewUser(String username, String displayName, String password, Role role, String unitId,
                      String extension, boolean canUnmask) {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{2,31}");
    private static final Pattern EXTENSION = Pattern.compile("[0-9]{3,8}");
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public NewUser {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username: 3 to 32 characters a-z 0-9 _ . - starting with a letter or digit");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 64
                || displayName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("displayName: 1 to 64 characters, no control characters");
        }
        PasswordHasher.checkPolicy(password);
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
    }

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", role=" + role + ", password=***]";
    }
}
