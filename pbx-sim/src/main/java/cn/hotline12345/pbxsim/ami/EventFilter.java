package cn.hotline12345.pbxsim.ami;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code eventfilter} of a manager user, parsed and matched as {@code main/manager.c} (branch 22) does in
 * {@code manager_add_filter}, {@code filter_cmp_fn} and {@code match_eventdata}.
 *
 * <p>Legacy syntax {@code eventfilter = regex} (exclude with a leading {@code !}): a POSIX extended regex searched in
 * the whole event text ({@code Event: X\r\nPrivilege: ...\r\n...}). Advanced syntax
 * {@code eventfilter(action(include|exclude),name(Event),header(Name),method(regex|exact|starts_with|ends_with|contains|none)) = pattern}:
 * {@code name()} compares the event name (by hash, so case-sensitive); {@code header()} makes the pattern test the
 * value of every line that begins with {@code Name:} (case-sensitive, leading blanks skipped, empty values skipped,
 * any matching line is enough); without {@code header()} the pattern tests the whole event text; the default method
 * of an advanced filter is {@code none}, which needs no pattern and matches everything {@code name()}/{@code header()}
 * left. A leading {@code !} on the pattern also makes an advanced filter exclude unless {@code action()} says
 * otherwise.
 *
 * <p>POSIX regexes run as Java regexes after a small translation ({@link #posixToJava}); constructs that glibc's
 * {@code regcomp} rejects (lookaround, {@code (?flags)}) fail to compile here too.
 */
public final class EventFilter {
  /** {@code enum add_filter_result}. */
  public enum Result { SUCCESS, COMPILE_FAIL, FORMAT_ERROR }

  /** {@code match_type_names}. */
  public enum Method { REGEX, EXACT, STARTS_WITH, ENDS_WITH, CONTAINS, NONE }

  final boolean exclude;
  final String eventName;
  final String headerName; // with the trailing ':'
  final Method method;
  final String text;
  final Pattern regex;
  final String conf;

  private EventFilter(boolean exclude, String eventName, String headerName, Method method, String text,
      Pattern regex, String conf) {
    this.exclude = exclude;
    this.eventName = eventName;
    this.headerName = headerName;
    this.method = method;
    this.text = text;
    this.regex = regex;
    this.conf = conf;
  }

  public boolean exclude() {
    return exclude;
  }

  /** The outcome of parsing: the filter, or why Asterisk would not add it (its log line). */
  public record Parsed(Result result, EventFilter filter, String message) {
  }

  /** {@code manager_add_filter(criteria, filter_pattern, ...)}. */
  public static Parsed parse(String criteria, String filterPattern) {
    String conf = criteria + " = " + filterPattern;
    if (criteria == null || criteria.isEmpty()) {
      return error("Missing criteria");
    }
    if (filterPattern == null) {
      return error("Filter pattern was NULL");
    }
    String pattern = filterPattern;
    boolean exclude = false;
    if (pattern.startsWith("!")) {
      exclude = true;
      pattern = pattern.substring(1);
    }
    Method method = Method.REGEX;
    String eventName = null;
    String header = null;
    int open = criteria.indexOf('(');
    if (open < 0 && pattern.isEmpty()) {
      return error("'" + conf + "': Legacy filter with no filter pattern specified");
    }
    if (open >= 0) {
      method = Method.NONE;
      String temp = ManagerConf.strip(criteria.substring(open + 1));
      if (temp.isEmpty() || !temp.endsWith(")")) {
        return error("'" + conf + "': Filter options not formatted correctly");
      }
      boolean action = false;
      boolean name = false;
      boolean hdr = false;
      boolean meth = false;
      // strtok_r(temp, " ,)"): options are split at blanks, commas and ')'
      for (String option : temp.split("[ ,)]+")) {
        if (option.isEmpty()) {
          continue;
        }
        int p = option.indexOf('(');
        String arg = p < 0 ? null : ManagerConf.strip(option.substring(p + 1));
        if (option.startsWith("action")) {
          if (arg == null || arg.isEmpty()) {
            return error("'" + conf + "': 'action' parameter not formatted correctly");
          }
          if (arg.equals("include")) {
            exclude = false;
          } else if (arg.equals("exclude")) {
            exclude = true;
          } else {
            return error("'" + conf + "': 'action' option '" + arg + "' is unknown");
          }
          action = true;
        } else if (option.startsWith("name")) {
          if (arg == null || arg.isEmpty()) {
            return error("'" + conf + "': 'name' parameter not formatted correctly");
          }
          eventName = arg;
          name = true;
        } else if (option.startsWith("header")) {
          if (arg == null || arg.isEmpty()) {
            return error("'" + conf + "': 'header' parameter not formatted correctly");
          }
          header = arg.endsWith(":") ? arg : arg + ":";
          hdr = true;
        } else if (option.startsWith("method")) {
          if (arg == null || arg.isEmpty()) {
            return error("'" + conf + "': 'method' parameter not formatted correctly");
          }
          switch (arg) {
            case "regex" -> method = Method.REGEX;
            case "exact" -> method = Method.EXACT;
            case "starts_with" -> method = Method.STARTS_WITH;
            case "ends_with" -> method = Method.ENDS_WITH;
            case "contains" -> method = Method.CONTAINS;
            case "none" -> method = Method.NONE;
            default -> {
              return error("'" + conf + "': 'method' option '" + arg + "' is unknown");
            }
          }
          meth = true;
        } else {
          return error("'" + conf + "': Filter option '" + option + "' is unknown");
        }
      }
      if (!action && !name && !hdr && !meth) {
        return error("'" + conf + "': No action, name, header, or method option found");
      }
      if (pattern.isEmpty() && method != Method.NONE) {
        return error("'" + conf + "': method can't be '" + method.name().toLowerCase(Locale.ROOT)
            + "' with no filter pattern");
      }
      if (!pattern.isEmpty() && method == Method.NONE) {
        return error("'" + conf + "': method can't be 'none' with a filter pattern");
      }
      if (!name && !hdr && method == Method.NONE) {
        return error("'" + conf + "': No name or header option found and no filter pattern");
      }
    }
    Pattern regex = null;
    String text = null;
    if (!pattern.isEmpty()) {
      if (method == Method.REGEX) {
        try {
          regex = Pattern.compile(posixToJava(pattern));
        } catch (IllegalArgumentException e) { // PatternSyntaxException too
          return new Parsed(Result.COMPILE_FAIL, null, "Unable to compile regex filter for '" + pattern + "'");
        }
      } else {
        text = pattern;
      }
    }
    return new Parsed(Result.SUCCESS,
        new EventFilter(exclude, eventName, header, method, text, regex, conf), null);
  }

  private static Parsed error(String message) {
    return new Parsed(Result.FORMAT_ERROR, null, message);
  }

  /** {@code filter_cmp_fn}: whether this filter matches the event. */
  boolean matches(AmiMessage m, String wholeText) {
    if (eventName != null && !eventName.equals(m.name())) {
      return false;
    }
    if (headerName == null) {
      return matchData(wholeText);
    }
    String bare = headerName.substring(0, headerName.length() - 1);
    for (int i = 0; i < m.size(); i++) {
      // ast_begins_with(line, "Name:"): the line "Name: value" begins with it only when the header is exactly Name
      // (a header name that itself begins with "Name:" cannot occur)
      if (m.nameAt(i).equals(bare)) {
        String v = skipBlanks(m.valueAt(i));
        if (!v.isEmpty() && matchData(v)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean matchData(String data) {
    return switch (method) {
      case REGEX -> regex.matcher(data).find();
      case STARTS_WITH -> data.startsWith(text);
      case ENDS_WITH -> data.endsWith(text);
      case CONTAINS -> data.contains(text);
      case EXACT -> data.equals(text);
      case NONE -> true;
    };
  }

  private static String skipBlanks(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) < 33) {
      i++;
    }
    return s.substring(i);
  }

  /** Whether this filter needs the whole serialised event (no header(): it tests the event text). */
  boolean needsText() {
    return headerName == null && method != Method.NONE;
  }

  /**
   * A POSIX ERE as glibc's {@code regcomp(REG_EXTENDED | REG_NOSUB)} reads it, as a Java regex with the same matches
   * for the constructs a manager.conf uses: bracket expressions keep backslashes literal and know
   * {@code [:alpha:]}-style classes; {@code \<}/{@code \>} are word boundaries; an escaped ordinary character is that
   * character; {@code (?} is an error in ERE and stays one.
   */
  static String posixToJava(String ere) {
    StringBuilder out = new StringBuilder(ere.length() + 16);
    int i = 0;
    int n = ere.length();
    while (i < n) {
      char c = ere.charAt(i);
      if (c == '[') {
        int j = i + 1;
        StringBuilder cls = new StringBuilder("[");
        if (j < n && ere.charAt(j) == '^') {
          cls.append('^');
          j++;
        }
        if (j < n && ere.charAt(j) == ']') {
          cls.append("\\]");
          j++;
        }
        boolean closed = false;
        while (j < n) {
          char d = ere.charAt(j);
          if (d == ']') {
            closed = true;
            j++;
            break;
          }
          if (d == '[' && j + 1 < n && ere.charAt(j + 1) == ':') {
            int end = ere.indexOf(":]", j + 2);
            if (end < 0) {
              throw new IllegalArgumentException("unterminated character class");
            }
            String name = ere.substring(j + 2, end);
            cls.append(switch (name) {
              case "alpha" -> "\\p{Alpha}";
              case "digit" -> "\\d";
              case "alnum" -> "\\p{Alnum}";
              case "upper" -> "\\p{Upper}";
              case "lower" -> "\\p{Lower}";
              case "space" -> "\\s";
              case "blank" -> " \\t";
              case "punct" -> "\\p{Punct}";
              case "print" -> "\\p{Print}";
              case "graph" -> "\\p{Graph}";
              case "cntrl" -> "\\p{Cntrl}";
              case "xdigit" -> "\\p{XDigit}";
              default -> throw new IllegalArgumentException("invalid character class " + name);
            });
            j = end + 2;
            continue;
          }
          if (d == '\\' || d == '[' || d == '&' || d == '~') {
            cls.append('\\');
          }
          cls.append(d);
          j++;
        }
        if (!closed) {
          throw new IllegalArgumentException("unmatched [");
        }
        out.append(cls).append(']');
        i = j;
      } else if (c == '\\') {
        if (i + 1 >= n) {
          throw new IllegalArgumentException("trailing backslash");
        }
        char d = ere.charAt(i + 1);
        if (d == '<' || d == '>') {
          out.append("\\b");
        } else if (d == 'w' || d == 'W' || d == 's' || d == 'S' || d == 'b' || d == 'B') {
          out.append('\\').append(d); // GNU extensions glibc knows
        } else if (Character.isLetterOrDigit(d)) {
          out.append(d); // glibc: an escaped ordinary character matches itself (\d is 'd', not a digit)
        } else {
          out.append('\\').append(d);
        }
        i += 2;
      } else if (c == '(' && i + 1 < n && ere.charAt(i + 1) == '?') {
        throw new IllegalArgumentException("'(?' is not POSIX: Invalid preceding regular expression");
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return conf;
  }
}
