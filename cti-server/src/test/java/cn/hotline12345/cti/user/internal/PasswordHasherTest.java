package cn.hotline12345.cti.user.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesAreSaltedPbkdf2WithAtLeast210000IterationsAndVerify() {
        String a = hasher.hash("Correct-Horse-1");
        String b = hasher.hash("Correct-Horse-1");
        assertThat(a).startsWith("pbkdf2-sha256$210000$").isNotEqualTo(b);
        assertThat(hasher.verify("Correct-Horse-1", a)).isTrue();
        assertThat(hasher.verify("Correct-Horse-2", a)).isFalse();
        assertThat(hasher.verify(null, a)).isFalse();
    }

    @Test
    void malformedOrWeakStoredHashesNeverMatch() {
        String good = hasher.hash("Correct-Horse-1");
        String weak = good.replace("$210000$", "$1000$");
        assertThat(hasher.verify("Correct-Horse-1", weak)).isFalse();
        for (String bad : new String[] {null, "", "plain", "md5$1$2$3", "pbkdf2-sha256$x$y$z", "pbkdf2-sha256$210000$!!$!!"}) {
            assertThat(hasher.verify("Correct-Horse-1", bad)).isFalse();
        }
    }

    @Test
    void thePolicyRefusesShortLongAndControlCharacterPasswords() {
        assertThatThrownBy(() -> PasswordHasher.checkPolicy("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHasher.checkPolicy("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHasher.checkPolicy("long-enough\r\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHasher(1000)).isInstanceOf(IllegalArgumentException.class);
        PasswordHasher.checkPolicy("long-enough-1");
    }

    @Test
    void theDemoSeedVerifiesWithTheDocumentedPassword() throws Exception {
        String sql = new String(getClass().getResourceAsStream("/db/migration/V40__demo_users.sql").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'(pbkdf2-sha256\\$[^']+)'").matcher(sql);
        int n = 0;
        while (m.find()) {
            assertThat(hasher.verify("Demo-12345!", m.group(1))).isTrue();
            n++;
        }
        assertThat(n).isEqualTo(6);
    }
}
