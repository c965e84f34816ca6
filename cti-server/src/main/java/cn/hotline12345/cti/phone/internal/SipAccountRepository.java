package cn.hotline12345.cti.phone.internal;

import cn.hotline12345.cti.phone.api.PhoneMode;
import cn.hotline12345.cti.phone.api.SipAccount;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.Optional;

/**
 * {@code asterisk.sip_agent} (V110: the rows behind Asterisk's realtime {@code ps_endpoints}, {@code ps_auths},
 * {@code ps_aors}) and {@code user_phone_mode} (V111). Plain SQL: the {@code asterisk} schema is not generated.
 */
public final class SipAccountRepository {

    /** The fields of app_user the SIP account follows. */
    public record UserPhone(long userId, String username, String role, String extension, String pbxId, boolean active) {
    }

    public Optional<UserPhone> user(DSLContext dsl, long userId) {
        return dsl.fetchOptional("select id, username, role, extension, pbx_id, active from app_user where id = ?", userId)
                .map(r -> new UserPhone(r.get(0, Long.class), r.get(1, String.class), r.get(2, String.class),
                        r.get(3, String.class), r.get(4, String.class), r.get(5, Boolean.class)));
    }

    /** The id of the active user of that name (the demo's keyboard agent). */
    public Optional<Long> activeUserId(DSLContext dsl, String username) {
        return dsl.fetchOptional("select id from app_user where username = ? and active", username)
                .map(r -> r.get(0, Long.class));
    }

    /** The user id holding this extension on this PBX, other than {@code userId}. */
    public Optional<Long> otherHolder(DSLContext dsl, String pbxId, String extension, long userId) {
        return dsl.fetchOptional("select user_id from asterisk.sip_agent where pbx_id = ? and extension = ? and user_id <> ?",
                pbxId, extension, userId).map(r -> r.get(0, Long.class));
    }

    /** Sets (or replaces) the user's account: one per user. */
    public void upsert(DSLContext dsl, SipAccount a, String by) {
        dsl.execute("insert into asterisk.sip_agent (pbx_id, extension, user_id, realm, ha1, active, updated_at, updated_by) "
                        + "values (?, ?, ?, ?, ?, true, now(), ?) on conflict (user_id) do update set pbx_id = excluded.pbx_id, "
                        + "extension = excluded.extension, realm = excluded.realm, ha1 = excluded.ha1, active = true, "
                        + "updated_at = now(), updated_by = excluded.updated_by",
                a.pbxId(), a.extension(), a.userId(), a.realm(), a.ha1(), by);
    }

    public boolean delete(DSLContext dsl, long userId) {
        return dsl.execute("delete from asterisk.sip_agent where user_id = ?", userId) > 0;
    }

    public Optional<SipAccount> forUser(DSLContext dsl, long userId) {
        return dsl.fetchOptional("select user_id, pbx_id, extension, realm, ha1 from asterisk.sip_agent "
                + "where user_id = ? and active", userId).map(SipAccountRepository::account);
    }

    public PhoneMode mode(DSLContext dsl, long userId) {
        return dsl.fetchOptional("select mode from user_phone_mode where user_id = ?", userId)
                .map(r -> PhoneMode.fromWire(r.get(0, String.class))).orElse(PhoneMode.DESK);
    }

    public void setMode(DSLContext dsl, long userId, PhoneMode mode) {
        dsl.execute("insert into user_phone_mode (user_id, mode) values (?, ?) on conflict (user_id) do update "
                + "set mode = excluded.mode, updated_at = now()", userId, mode.wire());
    }

    private static SipAccount account(Record r) {
        return new SipAccount(r.get(0, Long.class), r.get(1, String.class), r.get(2, String.class), r.get(3, String.class),
                r.get(4, String.class));
    }
}
