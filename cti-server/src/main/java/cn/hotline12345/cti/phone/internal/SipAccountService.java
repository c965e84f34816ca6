package cn.hotline12345.cti.phone.internal;

import cn.hotline12345.cti.phone.api.PhoneMode;
import cn.hotline12345.cti.phone.api.SipAccount;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.privacy.api.AuditEntry;
import cn.hotline12345.cti.privacy.api.AuditRepository;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Agents' SIP accounts, owned by the server (issue 23): an administrator sets or rotates one (a password of their
 * own or one made here, shown once), the logged-in user reads only their own. Only the digest HA1 is kept. Every
 * change is audited in the same transaction.
 */
public final class SipAccountService {

    /** What an administrator's set or rotate came to. */
    public sealed interface Change {
        /** Done; {@code generatedPassword} is the password made here (null when the admin gave one). */
        record Done(SipAccount account, String generatedPassword) implements Change {
        }

        record NoSuchUser() implements Change {
        }

        /** The user has no extension, or a role that has no phone. */
        record NoPhone(String why) implements Change {
        }

        /** Another user holds the extension on that PBX. */
        record Taken(long otherUserId) implements Change {
        }
    }

    /** A password an administrator may give: long enough, and only characters every SIP phone's keypad UI takes. */
    public static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9._~!@#%^*+=-]{16,64}");
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final int GENERATED_LENGTH = 24; // 24 × log2(56) ≈ 139 bits

    private final Db db;
    private final SipAccountRepository repo = new SipAccountRepository();
    private final AuditRepository audit = new AuditRepository();
    private final String realm;
    private final List<String> pbxIds;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SipAccountService(Db db, String realm, List<String> pbxIds, Clock clock) {
        this.db = db;
        this.realm = realm;
        this.pbxIds = List.copyOf(pbxIds);
        this.clock = clock;
    }

    /**
     * Sets the user's SIP password ({@code password} null: one is made here), replacing any earlier one: the phone
     * that registered with the old one is refused at its next REGISTER.
     */
    public Future<Change> set(long userId, String password, String actor) {
        if (password != null && !PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("password: 16 to 64 of A-Z a-z 0-9 . _ ~ ! @ # % ^ * + = -");
        }
        String pw = password != null ? password : generate();
        return db.tx(dsl -> {
            Optional<SipAccountRepository.UserPhone> u = repo.user(dsl, userId);
            if (u.isEmpty()) {
                return new Change.NoSuchUser();
            }
            SipAccountRepository.UserPhone user = u.get();
            if (!user.role().equals("agent") && !user.role().equals("supervisor")) {
                return new Change.NoPhone("only agents and supervisors have a SIP phone");
            }
            if (user.extension() == null || !user.extension().matches("[0-9]{3,8}")) {
                return new Change.NoPhone("the user has no extension of 3 to 8 digits");
            }
            String pbx = user.pbxId() != null ? user.pbxId() : pbxIds.get(0);
            Optional<Long> other = repo.otherHolder(dsl, pbx, user.extension(), userId);
            if (other.isPresent()) {
                return new Change.Taken(other.get());
            }
            SipAccount a = new SipAccount(userId, pbx, user.extension(), realm, ha1(user.extension(), realm, pw));
            repo.upsert(dsl, a, actor);
            audit.append(dsl, new AuditEntry(0, clock.instant(), actor, "sip.credentials.set", "user:" + userId, null,
                    Map.of("extension", a.extension(), "pbxId", pbx, "generated", String.valueOf(password == null))));
            return new Change.Done(a, password == null ? pw : null);
        });
    }

    /** Removes the user's account (their phone can no longer register); false when there was none. */
    public Future<Boolean> remove(long userId, String actor) {
        return db.tx(dsl -> {
            boolean removed = repo.delete(dsl, userId);
            if (removed) {
                audit.append(dsl, new AuditEntry(0, clock.instant(), actor, "sip.credentials.removed", "user:" + userId,
                        null, Map.of()));
            }
            return removed;
        });
    }

    /**
     * The user's own account, if it still matches their extension and PBX (an account left from an extension the
     * admin has changed since is not handed out).
     */
    public Future<Optional<SipAccount>> own(long userId, String extension, String pbxId) {
        return db.query(dsl -> repo.forUser(dsl, userId)
                .filter(a -> a.extension().equals(extension) && a.pbxId().equals(pbxId) && a.realm().equals(realm)));
    }

    /** The id of the active user of that name, if any. */
    public Future<Optional<Long>> activeUserId(String username) {
        return db.query(dsl -> repo.activeUserId(dsl, username));
    }

    public Future<PhoneMode> mode(long userId) {
        return db.query(dsl -> repo.mode(dsl, userId));
    }

    public Future<PhoneMode> setMode(long userId, PhoneMode mode) {
        return db.tx(dsl -> {
            repo.setMode(dsl, userId, mode);
            return mode;
        });
    }

    /** The digest HA1 of RFC 2617/7616 (MD5): md5(username ":" realm ":" password), lower-case hex. */
    public static String ha1(String username, String realm, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest((username + ":" + realm + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String generate() {
        char[] c = new char[GENERATED_LENGTH];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }
}
