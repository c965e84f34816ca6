package cn.hotline12345.cti.phone.api;

/**
 * An agent's SIP account as Asterisk knows it (a row of {@code asterisk.sip_agent}, seen by Asterisk as the realtime
 * PJSIP endpoint, auth and aor named by the extension).
 *
 * @param userId    the app_user
 * @param pbxId     the PBX whose Asterisk reads it
 * @param extension the endpoint id and the digest user name
 * @param realm     the digest realm the HA1 was made with
 * @param ha1       md5(extension ":" realm ":" password), lower-case hex: what both Asterisk ({@code md5_cred}) and
 *                  the browser (JsSIP's {@code ha1}) authenticate with; the password itself is stored nowhere
 */
public record SipAccount(long userId, String pbxId, String extension, String realm, String ha1) {
}
