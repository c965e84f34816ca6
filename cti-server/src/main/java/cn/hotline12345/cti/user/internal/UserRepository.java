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

    /** @return whether the user exists */
    public Future<Boolean> setPasswordHash(long id, String passwordHash) {
        return db.query(dsl -> dsl.update(APP_USER).set(APP_USER.PASSWORD_HASH, passwordHash)
                .where(APP_USER.ID.eq(id)).execute() == 1);
    }

    /** @return whether the user exists */
    public Future<Boolean> setActive(long id, boolean active) {
        return db.query(dsl -> dsl.update(APP_USER).set(APP_USER.ACTIVE, active)
                .where(APP_USER.ID.eq(id)).execute() == 1);
    }

    /** @return whether the user exists */
    public Future<Boolean> setPbx(long id, String pbxId) {
        return db.query(dsl -> dsl.update(APP_USER).set(APP_USER.PBX_ID, pbxId)
                .where(APP_USER.ID.eq(id)).execute() == 1);
    }

    private static User toUser(AppUserRecord r) {
        return new User(r.getId(), r.getUsername(), r.getDisplayName(), Role.fromDb(r.getRole()), r.getUnitId(),
                r.getExtension(), Boolean.TRUE.equals(r.getCanUnmask()), Boolean.TRUE.equals(r.getActive()),
                r.getPbxId());
    }
}
