package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.cti.platform.config.CtiConfig;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The start of a manager session: the login (MD5 challenge when Asterisk offers one, else the plain secret) and the
 * check of the user's write rights against the contract. A refused Login ends the session on Asterisk's side
 * ({@code manager.c action_login}: {@code sleep(1); astman_send_error(s, m, "Authentication failed"); return -1;}), so
 * there is never a second try on the same socket.
 */
final class AmiLogin {

    private AmiLogin() {
    }

    /** Logs in through {@code ask} (which sends one action on the current session); fails with Asterisk's reason. */
    static Future<Void> login(CtiConfig.Pbx config, Function<AmiAction, Future<AmiCorrelator.Result>> ask) {
        return ask.apply(AmiAction.named("Challenge").header("AuthType", "MD5"))
                .<AmiCorrelator.Result>map(r -> r)
                .recover(e -> Future.succeededFuture(null)) // no MD5 challenge offered: the plain secret
                .compose(r -> ask.apply(r == null
                        ? AmiAction.named("Login").header("Username", config.user()).header("Secret", config.secret())
                        .header("Events", "on")
                        : AmiAction.named("Login").header("AuthType", "MD5").header("Username", config.user())
                        .header("Key", md5Hex(r.response().get("Challenge", "") + config.secret())).header("Events", "on")))
                .<Void>mapEmpty()
                .recover(e -> Future.failedFuture(new AmiException("Authentication failed".equalsIgnoreCase(e.getMessage())
                        ? "login refused for manager user '" + config.user() + "' (secret, or its permit/deny in"
                        + " manager.conf)" : "login failed: " + e.getMessage())));
    }

    /**
     * The contract's actions the user may not run, as a problem to report (null: none missing, or Asterisk could not
     * be asked — then nothing is claimed).
     */
    static Future<String> missingWriteRights(CtiConfig.Pbx config, Function<AmiAction, Future<AmiCorrelator.Result>> ask) {
        return ask.apply(AmiAction.named("ListCommands")).map(r -> {
            List<String> missing = ManagerRights.missingActions(r.response());
            return missing.isEmpty() ? null : ManagerRights.missingWrite(config.user(), missing);
        }).otherwise(e -> null);
    }

    static String md5Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
