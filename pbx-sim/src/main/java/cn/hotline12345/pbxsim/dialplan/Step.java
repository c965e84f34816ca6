package cn.hotline12345.pbxsim.dialplan;

/**
 * One priority of an extension as loaded from extensions.conf: its number, optional label, the application (its
 * canonical name) and the data template, with the file and line it came from.
 */
public record Step(int priority, String label, String app, Template data, String source, int line) {
  /** The AppData of this step on a channel: the data with variables and expressions substituted. */
  public String expand(Vars v) {
    return data.expand(v);
  }

  public String where() {
    return source + ":" + line;
  }
}
