package cn.hotline12345.cti.user.internal;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Password hashing with PBKDF2-HMAC-SHA256 from the JDK (OWASP 2023: at least 210,000 iterations) and
 * a random 16-byte salt per password. Stored as {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>},
 * so the work factor can rise later without invalidating stored hashes. CPU-heavy (about 0.1 s):
 * call it on a worker thread, never on an event loop.
 */
public final class PasswordHasher {

    public static final int MIN_ITERATIONS = 210_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final int MAX_PASSWORD_CHARS = 128;

    private final SecureRandom random = new SecureRandom();
    private final int iterations;
    /** Verified against when the user does not exist, so both cases cost the same time. */
    private final String dummyHash;

    public PasswordHasher() {
        this(MIN_ITERATIONS);
    }

    public PasswordHasher(int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations: at least " + MIN_ITERATIONS);
        }
        this.iterations = iterations;
        this.dummyHash = hash("no-such-user-dummy-password");
    }

    /**
     * The password rules: 10 to 128 characters, no control characters, not one of the known passwords (published
     * ones such as the demo users' {@code Demo-12345!}, and the most common ones: {@code known-passwords.txt}).
     */
    public static void checkPolicy(String password) {
        if (password == null || password.length() < 10 || password.length() > MAX_PASSWORD_CHARS
                || password.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("password: 10 to 128 characters, no control characters");
        }
        if (isKnown(password)) {
            throw new IllegalArgumentException("password: a published or very common password; choose another");
        }
    }

    /** The rules plus: the password does not contain the user name. */
    public static void checkPolicy(String password, String username) {
        checkPolicy(password);
        if (username != null && username.length() >= 3
                && password.toLowerCase(java.util.Locale.ROOT).contains(username.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("password: must not contain the user name");
        }
    }

    /** Whether the password is on the known list (ignoring case). */
    public static boolean isKnown(String password) {
        return password != null && KNOWN.contains(password.toLowerCase(java.util.Locale.ROOT));
    }

    private static final java.util.Set<String> KNOWN = loadKnown();

    private static java.util.Set<String> loadKnown() {
        try (java.io.InputStream in = PasswordHasher.class.getResourceAsStream("known-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("known-passwords.txt is not on the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.toLowerCase(java.util.Locale.ROOT))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] dk = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(dk);
    }

    /** Whether the password matches the stored hash; a malformed stored hash never matches. */
    public boolean verify(String password, String stored) {
        if (password == null || password.length() > MAX_PASSWORD_CHARS) {
            return false;
        }
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            int iter = Integer.parseInt(parts[1]);
            if (iter < MIN_ITERATIONS || iter > 10_000_000) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(derive(password, salt, iter), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Burns the same time as a real verification, for unknown user names. */
    public void verifyDummy(String password) {
        verify(password == null ? "" : password, dummyHash);
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Prints a hash for a password given on standard input (for seeding and operators). */
    public static void main(String[] args) throws java.io.IOException {
        String pw = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        System.out.println(new PasswordHasher().hash(pw));
    }
}
