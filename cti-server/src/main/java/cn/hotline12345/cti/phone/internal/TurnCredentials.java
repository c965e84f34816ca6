package cn.hotline12345.cti.phone.internal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Time-limited TURN users (issue 23: agents behind NAT), the scheme of the "REST API for access to TURN services"
 * (draft-uberti-behave-turn-rest-00, section 2.2) that coturn checks with {@code use-auth-secret} and
 * {@code static-auth-secret}: the user name is {@code <expiry, Unix seconds>:<who>} and the password is
 * {@code base64(HMAC-SHA1(secret, username))}. The TURN server recomputes the password from the name and refuses a
 * name whose time has passed, so nothing is stored, nothing needs revoking, and a credential copied out of a browser
 * stops working at its expiry instead of for ever (the static {@code softphone.turnUsername} would).
 */
public final class TurnCredentials {

    /** One console's TURN user: what goes into the browser's {@code RTCIceServer}. */
    public record Issued(String username, String credential, Instant expiresAt) {
    }

    private final SecretKeySpec key;
    private final Duration ttl;

    public TurnCredentials(String secret, Duration ttl) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("no TURN secret");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
        this.ttl = ttl;
    }

    /**
     * A user for {@code who} (the agent's extension: the TURN server's logs then say whose media it relayed), valid
     * from {@code now} for the configured time. {@code who} must not contain ':' (the draft's separator).
     */
    public Issued issue(String who, Instant now) {
        if (who == null || who.isEmpty() || who.indexOf(':') >= 0) {
            throw new IllegalArgumentException("bad TURN user: " + who);
        }
        long expiry = now.plus(ttl).getEpochSecond();
        String username = expiry + ":" + who;
        return new Issued(username, password(username), Instant.ofEpochSecond(expiry));
    }

    /** The password the TURN server derives for a user name. */
    String password(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }
}
