package cn.hotline12345.cti.user.internal;


import cn.hotline12345.cti.user.api.User;
/** A user with their stored password hash, only for the login check. */
public record StoredUser(User user, String passwordHash) {

    @Override
    public String toString() {
        return "StoredUser[" + user + ", passwordHash=***]";
    }
}
