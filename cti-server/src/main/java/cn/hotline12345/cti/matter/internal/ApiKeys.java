package cn.hotline12345.cti.matter.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * API keys of other systems (handling units, channel systems): 32 random bytes, shown once, stored only
 * as a SHA-256 hash; checked against every stored hash in constant time (no early exit), so the answer's
 * timing says nothing about which key nearly matched.
 */
public final class ApiKeys {

    private final SecureRandom random = new SecureRandom();

    /** A new key with a readable prefix ({@code unit_...}, {@code intake_...}). */
    public String generate(String prefix) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The owner whose hash matches {@code presented}; every candidate is compared. */
    public static Optional<String> match(String presented, Map<String, String> hashByOwner) {
        if (presented == null || presented.isEmpty() || presented.length() > 200) {
            return Optional.empty();
        }
        byte[] h = hash(presented).getBytes(StandardCharsets.US_ASCII);
        String found = null;
        for (Map.Entry<String, String> e : hashByOwner.entrySet()) {
            if (MessageDigest.isEqual(h, e.getValue().getBytes(StandardCharsets.US_ASCII)) && found == null) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }
}
