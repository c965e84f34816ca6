package cn.hotline12345.pbxsim.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Digest authentication as res_pjsip_authenticator_digest.c does it for an endpoint whose auth is
 * {@code auth_type=digest} with {@code md5_cred} (the HA1, which is what the server's realtime ps_auths rows give):
 * challenge with {@code qop="auth"}, {@code algorithm=MD5} and a nonce of a timestamp and a hash
 * ({@code build_nonce}: "ast_str_append(nonce, 0, "%s/%s", timestamp, hash)"), and check
 * {@code response = MD5(HA1:nonce:nc:cnonce:qop:MD5(method:uri))} (RFC 2617 section 3.2.2.1).
 */
final class SipDigest {

  enum Result { OK, NONE, WRONG, STALE }

  private final String secret = Long.toHexString(new java.security.SecureRandom().nextLong());
  private final long nonceLifetimeSec;

  SipDigest(long nonceLifetimeSec) {
    this.nonceLifetimeSec = nonceLifetimeSec;
  }

  static String md5(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A nonce bound to the time, the source and the realm, as build_nonce. */
  String nonce(String source, String realm, long nowSec) {
    String ts = Long.toString(nowSec);
    return ts + "/" + md5(ts + ":" + source + ":" + realm + ":" + secret);
  }

  /** The WWW-Authenticate value of a 401 (pjsip_auth_srv_challenge2 with qop "auth"). */
  String challenge(String source, String realm, long nowSec, boolean stale) {
    return "Digest realm=\"" + realm + "\",nonce=\"" + nonce(source, realm, nowSec) + "\",opaque=\""
        + md5(secret + realm).substring(0, 16) + "\",algorithm=MD5,qop=\"auth\"" + (stale ? ",stale=true" : "");
  }

  /** Parses {@code Digest a="b",c=d} into its parameters (quoted values may hold commas). */
  static Map<String, String> params(String header) {
    Map<String, String> out = new HashMap<>();
    if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
      return out;
    }
    String s = header.substring(7);
    int i = 0;
    while (i < s.length()) {
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String k = s.substring(i, eq).trim().replaceFirst("^,", "").trim().toLowerCase(java.util.Locale.ROOT);
      int j = eq + 1;
      String v;
      if (j < s.length() && s.charAt(j) == '"') {
        int close = s.indexOf('"', j + 1);
        if (close < 0) {
          break;
        }
        v = s.substring(j + 1, close);
        i = close + 1;
      } else {
        int comma = s.indexOf(',', j);
        v = (comma < 0 ? s.substring(j) : s.substring(j, comma)).trim();
        i = comma < 0 ? s.length() : comma;
      }
      out.put(k, v);
      while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' ')) {
        i++;
      }
    }
    return out;
  }

  /**
   * Checks the request's Authorization against the HA1. A wrong response is WRONG (Asterisk answers it with a new
   * 401 challenge, pjsip_distributor.c authenticate(): "case AST_SIP_AUTHENTICATION_FAILED: log_failed_request(rdata,
   * "Failed to authenticate", 0, 0); ... pjsip_endpt_send_response2(..., tdata ...)", the tdata being the 401 made
   * by "pjsip_endpt_create_response(ast_sip_get_pjsip_endpoint(), rdata, 401, NULL, &tdata)"); a nonce not ours or
   * too old is STALE (challenge again with stale=true, as verify()'s "AUTH_STALE").
   */
  Result check(SipMessage req, String user, String realm, String ha1, String source, long nowSec) {
    Map<String, String> p = params(req.header("Authorization"));
    if (p.isEmpty()) {
      return Result.NONE;
    }
    if (!user.equals(p.get("username")) || !realm.equals(p.get("realm"))) {
      return Result.WRONG;
    }
    String nonce = p.getOrDefault("nonce", "");
    int slash = nonce.indexOf('/');
    long ts;
    try {
      ts = Long.parseLong(slash < 0 ? "x" : nonce.substring(0, slash));
    } catch (NumberFormatException e) {
      return Result.STALE;
    }
    if (!nonce.equals(nonce(source, realm, ts)) || nowSec - ts > nonceLifetimeSec) {
      return Result.STALE;
    }
    String ha2 = md5(req.method + ":" + p.getOrDefault("uri", ""));
    String qop = p.get("qop");
    String expected = qop == null ? md5(ha1 + ":" + nonce + ":" + ha2)
        : md5(ha1 + ":" + nonce + ":" + p.getOrDefault("nc", "") + ":" + p.getOrDefault("cnonce", "") + ":" + qop + ":"
            + ha2);
    return expected.equalsIgnoreCase(p.getOrDefault("response", "")) ? Result.OK : Result.WRONG;
  }
}
