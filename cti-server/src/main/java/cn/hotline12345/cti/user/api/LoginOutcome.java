package cn.hotline12345.cti.user.api;

import java.time.Duration;

/** What a login attempt came to. */
public sealed interface LoginOutcome {

    /** Logged in: a new session. */
    record Success(Session session) implements LoginOutcome {
    }

    /** Wrong name or password, or the user is disabled (the caller cannot tell which). */
    record Refused() implements LoginOutcome {
    }

    /** Too many failures for this name, address or (name, address): try again after the given time. */
    record Throttled(Duration retryAfter) implements LoginOutcome {
    }

    /** Too many logins waiting for a password check: refused before any hashing (try again shortly). */
    record Shed(Duration retryAfter) implements LoginOutcome {
    }
}
