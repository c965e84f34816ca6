package cn.hotline12345.pbxsim.conf;

/** A configuration file the simulator refuses, with the file and line that made it refuse. */
public final class ConfException extends RuntimeException {
  private final String source;
  private final int line;

  public ConfException(String source, int line, String message) {
    super(source + ":" + line + ": " + message);
    this.source = source;
    this.line = line;
  }

  public String source() {
    return source;
  }

  public int line() {
    return line;
  }
}
