package cn.hotline12345.pbxsim.agi;

import java.util.ArrayList;
import java.util.List;

/** Splits an AGI command line into words the way res_agi does: spaces separate, double quotes group. */
public final class AgiArgs {
  private AgiArgs() {
  }

  public static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
        any = true;
      } else if ((c == ' ' || c == '\t') && !quoted) {
        if (any) {
          out.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(cur.toString());
    }
    return out;
  }
}
