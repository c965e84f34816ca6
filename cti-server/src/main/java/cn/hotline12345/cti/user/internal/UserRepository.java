package cn.hotline12345.cti.user.internal;


import cn.hotline12345.cti.user.api.NewUser;
import cn.hotline12345.cti.user.api.User;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.schema.jooq.tables.records.AppUserRecord;
import io.vertx.core.Future;
import org.jooq.exception.IntegrityConstraintViolationException;

import java.util.List;
import java.util.Optional;

import static cn.hotline12345.schema.jooq.Tables.APP_USER;

/** Users in {@code app_user}. */
public final class UserRepository {

    private final Db db;

    public UserRepository(Db db) {
        this.db = db;
    }

    public Future<Optional<StoredUser>> findByUsername(String username) {
        return db.query(dsl -> dsl.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOptional()
                .map(r -> new StoredUser(toUser(r), r.getPasswordHash())));
    }

    public Future<Optional<User>> findById(long id) {
        return db.query(dsl -> dsl.selectFrom(APP_USER).where(APP_USER.ID.eq(id)).fetchOptional()
                .map(UserRepository::toUser));
    }

    public Future<List<User>> list() {
        return db.query(dsl -> dsl.selectFrom(APP_USER).orderBy(APP_USER.USERNAME).limit(10_000).fetch()
                .map(UserRepository::toUser));
    }

    /**
     * Inserts the user with an already computed hash.
     *
     * @return the user, or a failed future with {@link IllegalArgumentException} when the name is taken
     */
    public Future<User> insert(NewUser u, String passwordHash) {
        return db.tx(dsl -> {
            try {
                AppUserRecord r = dsl.insertInto(APP_USER)
                        .set(APP_USER.USERNAME, u.username())
                        .set(APP_USER.DISPLAY_NAME, u.displayName())
                        .set(APP_USER.PASSWORD_HASH, passwordHash)
                        .set(APP_USER.ROLE, u.role().dbName())
                        .set(APP_USER.UNIT_ID, u.unitId())
                        .set(APP_USER.EXTENSION, u.extension())
                        .set(APP_USER.CAN_UNMASK, u.canUnmask())
                        .set(APP_USER.PBX_ID, u.pbxId())
                        .returning().fetchOne();
                return toUser(r);
            } catch (IntegrityConstraintViolationException e) {
                throw new IllegalArgumentException("username or unit: already taken or unknown unit");
            }
        });
    }

    /** Sets the hash; a demo user whose password changes is a real account from then on. @return whether the user exists */
    public Future<Boolean> setPasswordHash(long id, String passwordHash) {
        return db.query(dsl -> dsl.update(APP_USER).set(APP_USER.PASSWORD_HASH, passwordHash)
                .set(APP_USER.DEMO, false).where(APP_USER.ID.eq(id)).execute() == 1);
    }

    /** What {@link #setActive} did. */
    public enum ActiveChange { DONE, NOT_FOUND, LAST_ADMIN }

    /**
     * Enables or disables a user, but never disables the last active administrator (there would be no one left to
     * manage users). The active administrators' rows are locked first, so two administrators disabling each other
     * at the same moment cannot both succeed.
     */
    public Future<ActiveChange> setActive(long id, boolean active) {
        return db.tx(dsl -> {
            if (!active) {
                List<Long> admins = dsl.select(APP_USER.ID).from(APP_USER)
                        .where(APP_USER.ROLE.eq(Role.ADMIN.dbName()).and(APP_USER.ACTIVE.isTrue()))
                        .orderBy(APP_USER.ID).forUpdate().fetch(APP_USER.ID);
                if (admins.size() == 1 && admins.get(0) == id) {
                    return ActiveChange.LAST_ADMIN;
                }
            }
            return dsl.update(APP_USER).set(APP_USER.ACTIVE, active).where(APP_USER.ID.eq(id)).execute() == 1
                    ? ActiveChange.DONE : ActiveChange.NOT_FOUND;
        });
    }

    /** Whether any administrator can log in. */
    public Future<Boolean> hasActiveAdmin() {
        return db.query(dsl -> dsl.fetchExists(APP_USER, APP_USER.ROLE.eq(Role.ADMIN.dbName()).and(APP_USER.ACTIVE.isTrue())));
    }

    /** Disables every active demo user (published password); @return their names. */
    public Future<List<String>> disableDemoUsers() {
        return db.query(dsl -> dsl.update(APP_USER).set(APP_USER.ACTIVE, false)
                .where(APP_USER.DEMO.isTrue().and(APP_USER.ACTIVE.isTrue())).returning(APP_USER.USERNAME)
                .fetch(APP_USER.USERNAME));
    }

    /** @return whether the user exists */
    public Future<Boolean> setPbx(long id, String pbxId) {
        return db.query(dsl -> dsl.update(APP_USER).set(APP_USER.PBX_ID, pbxId)
                .where(APP_USER.ID.eq(id)).execute() == 1);
    }

    static User toUser(AppUserRecord r) {
        return new User(r.getId(), r.getUsername(), r.getDisplayName(), Role.fromDb(r.getRole()), r.getUnitId(),
                r.getExtension(), Boolean.TRUE.equals(r.getCanUnmask()), Boolean.TRUE.equals(r.getActive()),
                r.getPbxId());
    }
}
