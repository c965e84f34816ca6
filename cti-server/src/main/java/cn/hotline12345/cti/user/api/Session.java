package cn.hotline12345.cti.user.api;

import java.time.Instant;

/**
 * A logged-in session (stored in PostgreSQL by its hash, shared by every node).
 *
 * @param id        256 random bits, base64url: the cookie value
 * @param csrfToken 256 bits derived from the id: the value state-changing requests must echo in {@code X-CSRF-Token}
 * @param createdAt for the absolute expiry
 * @param lastSeen  for the idle expiry
 */
public record Session(String id, User user, String csrfToken, Instant createdAt, Instant lastSeen) {

    @Override
    public String toString() {
        // never print the secrets
        return "Session[user=" + user.username() + ", createdAt=" + createdAt + "]";
    }
}
