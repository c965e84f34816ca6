package cn.hotline12345.pbxsim.ami;

/**
 * What the embedding program decides about the manager port, over what manager.conf says.
 *
 * @param port            TCP port; 0 = ephemeral; negative = the {@code port} of manager.conf's [general]
 * @param host            address to listen on (the sim stays on loopback unless told otherwise; manager.conf's
 *                        {@code bindaddr} is read but only used when the CLI asks for it)
 * @param writeQueueBytes per-client output buffer before the client counts as not reading
 * @param writeTimeoutMs  how long the buffer may stay full before the client is dropped; 0 or less = the user's
 *                        {@code writetimeout} from manager.conf (Asterisk's default: 100)
 */
public record AmiOptions(int port, String host, int writeQueueBytes, long writeTimeoutMs) {
  public static AmiOptions defaults() {
    return new AmiOptions(-1, "127.0.0.1", 256 * 1024, 0);
  }
}
