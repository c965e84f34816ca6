package cn.hotline12345.cti.user.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one-time token of a first start (issue 20 item 4): {@code run} on a database with no active administrator
 * draws 256 random bits and prints them once; {@code POST /api/setup/admin} with that token creates the first
 * administrator, after which the token is gone (a second request, or any request with another token, is
 * refused). The token lives in memory only: a restart draws a new one while there is still no administrator.
 * Thread-safe.
 */
public final class FirstAdminSetup {

    private final AtomicReference<String> token = new AtomicReference<>();
    private final SecureRandom random = new SecureRandom();

    /** Draws a new token (replacing any earlier one) and returns it, to be shown to the operator once. */
    public String open() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        String t = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        token.set(t);
        return t;
    }

    /** Whether a setup is waiting for its token. */
    public boolean isOpen() {
        return token.get() != null;
    }

    /**
     * Takes the token if {@code presented} is it (constant-time comparison): true exactly once per token, so two
     * requests racing with the right token cannot both create an administrator.
     */
    public boolean take(String presented) {
        String t = token.get();
        if (t == null || presented == null) {
            return false;
        }
        boolean same = MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
        return same && token.compareAndSet(t, null);
    }

    /** Puts a taken token back (the administrator could not be created, e.g. the name was refused). */
    public void giveBack(String t) {
        token.compareAndSet(null, t);
    }

    /** Ends the setup (an administrator exists). */
    public void close() {
        token.set(null);
    }
}
