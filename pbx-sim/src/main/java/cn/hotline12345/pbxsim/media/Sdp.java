package cn.hotline12345.pbxsim.media;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SDP (RFC 8866) a WebRTC audio call needs, both ways: {@link #parse} reads the far end's offer or answer and
 * throws {@link IllegalArgumentException} naming what is missing; {@link Local#render} writes ours.
 */
final class Sdp {

    /** Longer than any real WebRTC audio SDP (Chromium's are under 6 kB) by far; more is refused, not parsed. */
    static final int MAX_LENGTH = 64 * 1024;

    private Sdp() {
    }

    /** One m= section as received. */
    record Section(String media, int port, String proto, List<String> formats, Map<String, List<String>> attributes) {

        String first(String name) {
            List<String> v = attributes.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        boolean has(String name) {
            return attributes.containsKey(name);
        }

        String mid() {
            return first("mid");
        }
    }

    /** What we use of the far end's description. */
    record Remote(List<Section> sections, int audioIndex, String ufrag, String pwd, String fingerprintHash,
                  byte[] fingerprint, String setup, String direction, int telephoneEventPt, String mid) {

        Section audio() {
            return sections.get(audioIndex);
        }
    }

    /**
     * Parses the far end's description. {@code what} names it in error messages ("SDP answer", "SDP offer");
     * {@code offer} says which setup values are legal (an answer must choose active or passive: RFC 5763 §5).
     */
    static Remote parse(String sdp, String what, boolean offer) {
        if (sdp == null || sdp.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (sdp.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_LENGTH + " characters");
        }
        Map<String, List<String>> session = new LinkedHashMap<>();
        List<Section> sections = new ArrayList<>();
        Map<String, List<String>> current = session;
        boolean sawVersion = false;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new IllegalArgumentException(what + ": not an SDP line: " + abbreviate(line));
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'v') {
                sawVersion = true;
            } else if (type == 'm') {
                String[] f = value.split(" +");
                if (f.length < 4) {
                    throw new IllegalArgumentException(what + ": malformed m= line: " + abbreviate(line));
                }
                int port;
                try {
                    port = Integer.parseInt(f[1].contains("/") ? f[1].substring(0, f[1].indexOf('/')) : f[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(what + ": malformed port in m= line: " + abbreviate(line));
                }
                current = new LinkedHashMap<>();
                sections.add(new Section(f[0], port, f[2], List.of(f).subList(3, f.length), current));
            } else if (type == 'a') {
                int colon = value.indexOf(':');
                String name = (colon < 0 ? value : value.substring(0, colon)).toLowerCase(Locale.ROOT);
                String v = colon < 0 ? "" : value.substring(colon + 1).strip();
                current.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
            }
        }
        if (!sawVersion) {
            throw new IllegalArgumentException(what + ": no v= line (not SDP)");
        }
        int audioIndex = -1;
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).media.equals("audio") && sections.get(i).port != 0) {
                audioIndex = i;
                break;
            }
        }
        if (audioIndex < 0) {
            throw new IllegalArgumentException(what + ": no m=audio section with a port (audio only is supported)");
        }
        Section audio = sections.get(audioIndex);
        if (!audio.proto.toUpperCase(Locale.ROOT).contains("TLS") || !audio.proto.toUpperCase(Locale.ROOT).contains("SAVP")) {
            throw new IllegalArgumentException(what + ": m=audio proto " + audio.proto
                    + " is not UDP/TLS/RTP/SAVPF (DTLS-SRTP is required)");
        }
        if (!audio.formats.contains("0")) {
            throw new IllegalArgumentException(what + ": no PCMU (payload type 0) in m=audio " + audio.formats);
        }
        String ufrag = attr(audio, session, "ice-ufrag");
        if (ufrag == null || ufrag.isEmpty()) {
            throw new IllegalArgumentException(what + ": no a=ice-ufrag");
        }
        String pwd = attr(audio, session, "ice-pwd");
        if (pwd == null || pwd.isEmpty()) {
            throw new IllegalArgumentException(what + ": no a=ice-pwd");
        }
        if (ufrag.length() > 256 || pwd.length() > 256 || ufrag.contains(":")) {
            throw new IllegalArgumentException(what + ": a=ice-ufrag or a=ice-pwd malformed");
        }
        String fp = attr(audio, session, "fingerprint");
        if (fp == null || fp.isEmpty()) {
            throw new IllegalArgumentException(what + ": no a=fingerprint (DTLS certificate fingerprint)");
        }
        String[] fpParts = fp.split(" +");
        String hash = fpParts[0].toLowerCase(Locale.ROOT);
        int expectedLength = switch (hash) {
            case "sha-1" -> 20;
            case "sha-256" -> 32;
            case "sha-384" -> 48;
            case "sha-512" -> 64;
            default -> throw new IllegalArgumentException(what + ": a=fingerprint hash " + abbreviate(fpParts[0])
                    + " is not supported (sha-1, sha-256, sha-384, sha-512)");
        };
        byte[] fingerprint;
        try {
            fingerprint = HexFormat.ofDelimiter(":").parseHex(fpParts.length > 1 ? fpParts[1] : "");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": a=fingerprint value is not colon-separated hex");
        }
        if (fingerprint.length != expectedLength) {
            throw new IllegalArgumentException(what + ": a=fingerprint " + hash + " has " + fingerprint.length
                    + " bytes, not " + expectedLength);
        }
        String setup = attr(audio, session, "setup");
        if (setup == null) {
            throw new IllegalArgumentException(what + ": no a=setup (DTLS role)");
        }
        setup = setup.toLowerCase(Locale.ROOT);
        boolean legal = offer ? List.of("actpass", "active", "passive").contains(setup)
                : List.of("active", "passive").contains(setup);
        if (!legal) {
            throw new IllegalArgumentException(what + ": a=setup:" + abbreviate(setup) + " is not allowed in an "
                    + (offer ? "offer" : "answer"));
        }
        if (!audio.has("rtcp-mux")) {
            throw new IllegalArgumentException(what + ": no a=rtcp-mux (RTCP on a port of its own is not supported)");
        }
        String direction = "sendrecv";
        for (String d : List.of("sendrecv", "sendonly", "recvonly", "inactive")) {
            if (audio.has(d) || (session.containsKey(d) && !audio.has("sendrecv") && !audio.has("sendonly")
                    && !audio.has("recvonly") && !audio.has("inactive"))) {
                direction = d;
                break;
            }
        }
        int tePt = -1;
        for (String rtpmap : audio.attributes.getOrDefault("rtpmap", List.of())) {
            String[] f = rtpmap.split(" +");
            if (f.length == 2 && f[1].equalsIgnoreCase("telephone-event/8000") && audio.formats.contains(f[0])) {
                try {
                    tePt = Integer.parseInt(f[0]);
                } catch (NumberFormatException ignored) {
                    // a non-numeric payload type is not ours to use
                }
                break;
            }
        }
        return new Remote(List.copyOf(sections), audioIndex, ufrag, pwd, hash, fingerprint, setup, direction, tePt,
                audio.mid());
    }

    private static String attr(Section s, Map<String, List<String>> session, String name) {
        String v = s.first(name);
        if (v == null) {
            List<String> sv = session.get(name);
            v = sv == null || sv.isEmpty() ? null : sv.get(0);
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** Where an answer goes: the direction we answer to the far end's offered direction (RFC 3264 §6.1). */
    static String answerDirection(String offered) {
        return switch (offered) {
            case "sendonly" -> "recvonly";
            case "recvonly" -> "sendonly";
            case "inactive" -> "inactive";
            default -> "sendrecv";
        };
    }

    /** Our description; {@code rejected} are the far end's other m= sections, answered with port 0 in place. */
    record Local(String host, int port, String ufrag, String pwd, String fingerprintSha256, String setup,
                 String direction, String mid, int telephoneEventPt, long ssrc, String cname, long sessionId,
                 long version, List<Section> before, List<Section> after) {

        String render() {
            StringBuilder b = new StringBuilder(1024);
            line(b, "v=0");
            line(b, "o=- " + sessionId + " " + version + " IN IP4 " + host);
            line(b, "s=-");
            line(b, "t=0 0");
            if (mid != null) {
                line(b, "a=group:BUNDLE " + mid);
            }
            line(b, "a=ice-lite");
            line(b, "a=msid-semantic: WMS pbxsim");
            for (Section s : before) {
                rejected(b, s);
            }
            line(b, "m=audio " + port + " UDP/TLS/RTP/SAVPF 0" + (telephoneEventPt >= 0 ? " " + telephoneEventPt : ""));
            line(b, "c=IN IP4 " + host);
            line(b, "a=rtcp:" + port + " IN IP4 " + host);
            line(b, "a=candidate:1 1 udp 2130706431 " + host + " " + port + " typ host");
            line(b, "a=end-of-candidates");
            line(b, "a=ice-ufrag:" + ufrag);
            line(b, "a=ice-pwd:" + pwd);
            line(b, "a=fingerprint:sha-256 " + fingerprintSha256);
            line(b, "a=setup:" + setup);
            if (mid != null) {
                line(b, "a=mid:" + mid);
            }
            line(b, "a=" + direction);
            line(b, "a=rtcp-mux");
            line(b, "a=rtpmap:0 PCMU/8000");
            if (telephoneEventPt >= 0) {
                line(b, "a=rtpmap:" + telephoneEventPt + " telephone-event/8000");
                line(b, "a=fmtp:" + telephoneEventPt + " 0-16");
            }
            line(b, "a=ptime:20");
            line(b, "a=msid:pbxsim voice");
            line(b, "a=ssrc:" + ssrc + " cname:" + cname);
            line(b, "a=ssrc:" + ssrc + " msid:pbxsim voice");
            for (Section s : after) {
                rejected(b, s);
            }
            return b.toString();
        }

        private void rejected(StringBuilder b, Section s) {
            line(b, "m=" + s.media() + " 0 " + s.proto() + " " + s.formats().get(0));
            line(b, "c=IN IP4 " + host);
            if (s.mid() != null) {
                line(b, "a=mid:" + s.mid());
            }
            line(b, "a=inactive");
        }

        private static void line(StringBuilder b, String l) {
            b.append(l).append("\r\n");
        }
    }
}
