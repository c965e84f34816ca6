package cn.hotline12345.pbxsim.dialplan;

/** Read access to a channel's variables, builtins such as EXTEN and CALLERID(num), and globals. */
@FunctionalInterface
public interface Vars {
  /** The value of a variable, or "" when unset. */
  String get(String name);

  /** Replaces each ${NAME} in {@code template} by its value (no nesting, as the dialplans here need none). */
  default String expand(String template) {
    StringBuilder sb = new StringBuilder(template.length() + 16);
    int i = 0;
    while (i < template.length()) {
      int start = template.indexOf("${", i);
      if (start < 0) {
        sb.append(template, i, template.length());
        break;
      }
      int end = template.indexOf('}', start);
      if (end < 0) {
        sb.append(template, i, template.length());
        break;
      }
      sb.append(template, i, start).append(get(template.substring(start + 2, end)));
      i = end + 1;
    }
    return sb.toString();
  }
}
