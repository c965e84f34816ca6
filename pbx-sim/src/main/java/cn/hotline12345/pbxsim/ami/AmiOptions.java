package cn.hotline12345.pbxsim.ami;

/**
 * Manager interface settings (manager.conf).
 *
 * @param port            TCP port, 0 = ephemeral
 * @param username        the one manager user
 * @param secret          its secret
 * @param writeQueueBytes per-client output buffer before the client counts as not reading
 * @param writeTimeoutMs  how long the buffer may stay full before the client is dropped (Asterisk: 100)
 */
public record AmiOptions(int port, String username, String secret, int writeQueueBytes, long writeTimeoutMs) {
  public static AmiOptions defaults() {
    return new AmiOptions(5038, "cti", "ctisecret", 256 * 1024, 100);
  }
}
