package cn.hotline12345.cti.phone.api;

import cn.hotline12345.cti.platform.config.ConfigSection;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code softphone} section (issue 23): what the console's WebRTC phone is told besides its credentials.
 *
 * @param realm       the SIP digest realm the agents' HA1 are made with ({@code ps_auths.realm}); changing it
 *                    invalidates every stored HA1 (set every agent's SIP password again)
 * @param wsUrl       the WebSocket address of Asterisk's SIP, {@code {host}} standing for the agent's PBX's
 *                    {@code pbxs[].host} (default {@code wss://{host}:8089/ws}, http.conf's TLS server)
 * @param iceServers  STUN/TURN URLs for agents behind NAT ({@code stun:host:3478}, {@code turn:host:3478?transport=udp})
 * @param turnUsername  the TURN user given to the browsers (blank: none)
 * @param turnCredential the TURN password given to the browsers (blank: none)
 * @param turnSecret  the secret shared with the TURN server (coturn {@code use-auth-secret} +
 *                    {@code static-auth-secret}); when set, each console gets its own time-limited TURN user instead
 *                    of the static one ({@link cn.hotline12345.cti.phone.internal.TurnCredentials}); blank: none
 * @param turnTtl     how long such a TURN user is valid (default 12 h: a shift)
 */
public record SoftphoneSettings(String realm, String wsUrl, List<String> iceServers, String turnUsername,
                                String turnCredential, String turnSecret, Duration turnTtl) {

    private static final Pattern REALM = Pattern.compile("[A-Za-z0-9.-]{1,64}");
    private static final Pattern ICE = Pattern.compile("(stun|stuns|turn|turns):[A-Za-z0-9.:\\[\\]-]{1,200}(\\?transport=(udp|tcp))?");

    public SoftphoneSettings {
        iceServers = List.copyOf(iceServers);
    }

    public static SoftphoneSettings defaults() {
        return new SoftphoneSettings("hotline12345", "wss://{host}:8089/ws", List.of(), "", "", "", Duration.ofHours(12));
    }

    /** Binds and checks the section; a bad or unknown key fails naming it. */
    public static SoftphoneSettings from(ConfigSection s) {
        SoftphoneSettings d = defaults();
        String realm = s.string("realm", d.realm());
        if (!REALM.matcher(realm).matches()) {
            throw s.invalid("realm", realm, "must be 1 to 64 letters, digits, '.' or '-'");
        }
        String ws = s.string("wsUrl", d.wsUrl());
        if (!ws.matches("wss?://[A-Za-z0-9.{}\\[\\]:-]{1,200}(/[A-Za-z0-9._/-]{0,100})?")) {
            throw s.invalid("wsUrl", ws, "is not a ws:// or wss:// address");
        }
        List<String> ice = s.stringList("iceServers", d.iceServers());
        for (String u : ice) {
            if (!ICE.matcher(u).matches()) {
                throw s.invalid("iceServers", u, "is not a stun:, stuns:, turn: or turns: URL");
            }
        }
        String user = s.string("turnUsername", "");
        String cred = s.string("turnCredential", "");
        if (user.length() > 128 || cred.length() > 128 || user.chars().anyMatch(Character::isISOControl)
                || cred.chars().anyMatch(Character::isISOControl)) {
            throw s.invalid("turnUsername", user, "TURN user and credential: at most 128 characters, no control characters");
        }
        String secret = s.string("turnSecret", "");
        if (!secret.isEmpty() && (secret.length() < 16 || secret.length() > 256
                || secret.chars().anyMatch(Character::isISOControl))) {
            throw s.invalid("turnSecret", "(hidden)", "must be 16 to 256 characters without control characters");
        }
        if (!secret.isEmpty() && !user.isEmpty()) {
            throw s.invalid("turnSecret", "(hidden)", "give either turnSecret (time-limited TURN users) or "
                    + "turnUsername/turnCredential (one static user), not both");
        }
        Duration ttl = s.duration("turnTtl", d.turnTtl(), Duration.ofMinutes(10), Duration.ofDays(7));
        s.rejectUnknown();
        return new SoftphoneSettings(realm, ws, ice, user, cred, secret, ttl);
    }

    /** Whether consoles get time-limited TURN users made with {@link #turnSecret}. */
    public boolean timeLimitedTurn() {
        return !turnSecret.isEmpty();
    }

    @Override
    public String toString() {
        // the secrets stay out of logs and error messages
        return "SoftphoneSettings[realm=" + realm + ", wsUrl=" + wsUrl + ", iceServers=" + iceServers
                + ", turnUsername=" + turnUsername + ", turnCredential=" + (turnCredential.isEmpty() ? "" : "(set)")
                + ", turnSecret=" + (turnSecret.isEmpty() ? "" : "(set)") + ", turnTtl=" + turnTtl + "]";
    }

    /** The WebSocket address for a PBX host. */
    public String wsUrlFor(String pbxHost) {
        return wsUrl.replace("{host}", pbxHost);
    }
}
