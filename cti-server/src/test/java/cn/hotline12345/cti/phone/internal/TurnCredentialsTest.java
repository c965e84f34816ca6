package cn.hotline12345.cti.phone.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Time-limited TURN users as coturn checks them with {@code use-auth-secret}: the password is
 * base64(HMAC-SHA1(secret, "expiry:user")). The expected password below was computed outside Java, with
 * {@code echo -n "1765101600:1001" | openssl dgst -sha1 -hmac "turn-secret-of-the-hotline-2026" -binary | base64}.
 */
class TurnCredentialsTest {

    private static final String SECRET = "turn-secret-of-the-hotline-2026";

    @Test
    void theUserCarriesItsExpiryAndThePasswordIsTheHmacCoturnRecomputes() {
        TurnCredentials t = new TurnCredentials(SECRET, Duration.ofHours(12));
        Instant now = Instant.ofEpochSecond(1765101600L - 12 * 3600, 250_000_000);
        TurnCredentials.Issued u = t.issue("1001", now);
        assertThat(u.username()).isEqualTo("1765101600:1001");
        assertThat(u.credential()).isEqualTo("/DycaYEkOXfmk2Gq01EmvoRjJug=");
        assertThat(u.expiresAt()).isEqualTo(Instant.ofEpochSecond(1765101600L));
    }

    @Test
    void anotherSecretOrAnotherTimeGivesAnotherPassword() {
        Instant now = Instant.ofEpochSecond(1_765_000_000L);
        TurnCredentials.Issued a = new TurnCredentials(SECRET, Duration.ofHours(12)).issue("1001", now);
        assertThat(new TurnCredentials(SECRET + "x", Duration.ofHours(12)).issue("1001", now).credential())
                .isNotEqualTo(a.credential());
        assertThat(new TurnCredentials(SECRET, Duration.ofHours(12)).issue("1001", now.plusSeconds(1)).credential())
                .isNotEqualTo(a.credential());
        // a user cannot stretch its own validity: the expiry is inside what the password signs
        String forged = (Long.parseLong(a.username().split(":")[0]) + 86_400) + ":1001";
        assertThat(new TurnCredentials(SECRET, Duration.ofHours(12)).password(forged)).isNotEqualTo(a.credential());
    }

    @Test
    void aUserNameWithTheSeparatorOrNoSecretIsRefused() {
        TurnCredentials t = new TurnCredentials(SECRET, Duration.ofHours(1));
        assertThatThrownBy(() -> t.issue("99999999999:1002", Instant.now())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.issue("", Instant.now())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TurnCredentials("", Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
