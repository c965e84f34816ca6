package cn.hotline12345.pbxsim;

/** Queue ring strategies the simulator implements, named as in queues.conf. */
public enum Strategy {
  RINGALL, RRMEMORY, LEASTRECENT, FEWESTCALLS;

  public String confName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Strategy parse(String s) {
    return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
  }
}
