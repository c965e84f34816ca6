package cn.hotline12345.pbxsim.ami;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A manager.conf as Asterisk 22 reads it ({@code main/config.c} for the syntax, {@code main/manager.c}
 * {@code __init_manager} for the meaning): {@code [general]} and one manager user per other section.
 *
 * <p>Syntax kept from config.c: {@code ;} starts a comment unless escaped as {@code \;}; {@code ;-- --;} block
 * comments; a line is split at its first {@code =} (a following {@code >} is ignored), name and value trimmed;
 * {@code name += more} appends; {@code [name](!)} templates, {@code [name](a,b)} inheritance and {@code [name](+)}
 * additions; lines of 8,192 bytes or more are skipped with a warning. {@code #include}/{@code #exec} are refused: the
 * sim would have to guess what file Asterisk finds.
 *
 * <p>What Asterisk ignores with a log line, this class ignores with the same warning, kept in {@link #warnings()}
 * (and logged), so a test can show that a bad line is as dead here as it is on a real Asterisk.
 */
public final class ManagerConf {
  private static final Logger LOG = LoggerFactory.getLogger(ManagerConf.class);
  /** Where the build puts docker/asterisk/manager.conf inside the jar. */
  public static final String BUNDLED_RESOURCE = "/pbxsim/docker-asterisk/manager.conf";
  private static final int LINE_LIMIT = 8192;

  /** The {@code [general]} settings the sim honours. */
  public record General(boolean enabled, int port, String bindaddr, boolean displayconnects, boolean timestampevents,
      boolean allowMultipleLogin, int authTimeoutSec, int authLimit, Set<String> disabledEvents) {
  }

  private final String source;
  private final General general;
  private final Map<String, ManagerUser> users;
  private final List<String> warnings;

  private ManagerConf(String source, General general, Map<String, ManagerUser> users, List<String> warnings) {
    this.source = source;
    this.general = general;
    this.users = users;
    this.warnings = warnings;
  }

  public String source() {
    return source;
  }

  public General general() {
    return general;
  }

  /** The user Asterisk would find for a Login's {@code Username} ({@code strcasecmp}), if it kept it. */
  public Optional<ManagerUser> user(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(users.get(name.toLowerCase(Locale.ROOT)));
  }

  public List<ManagerUser> users() {
    return List.copyOf(users.values());
  }

  /** What Asterisk would have logged as a warning or notice while loading this file. */
  public List<String> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  /**
   * This configuration with {@code user}'s secret replaced, as docker/asterisk/entrypoint.sh replaces the demo line
   * {@code secret = ctisecret} with {@code CTI_AMI_SECRET}. The user must exist: the sim never invents one.
   */
  public ManagerConf withSecret(String user, String secret) {
    ManagerUser u = user(user).orElseThrow(() -> new IllegalArgumentException(
        "manager.conf (" + source + ") has no user [" + user + "]: Asterisk would refuse every login as it"));
    Map<String, ManagerUser> copy = new LinkedHashMap<>(users);
    copy.put(u.name().toLowerCase(Locale.ROOT), u.withSecret(secret));
    return new ManagerConf(source, general, copy, warnings);
  }

  public static ManagerConf load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read manager.conf " + file, e);
    }
  }

  /** The repo's docker/asterisk/manager.conf as bundled into the pbx-sim jar at build time. */
  public static ManagerConf bundled() {
    try (InputStream in = ManagerConf.class.getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("pbx-sim jar lacks " + BUNDLED_RESOURCE + " (copied from docker/asterisk"
            + " by maven-resources-plugin at build time)");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled docker/asterisk/manager.conf");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A path if {@code pathOrText} names an existing file, else the text of a manager.conf itself. */
  public static ManagerConf of(String pathOrText) {
    if (!pathOrText.contains("\n")) {
      Path p = Path.of(pathOrText);
      if (Files.isRegularFile(p)) {
        return load(p);
      }
      throw new IllegalArgumentException("manager.conf file not found: " + pathOrText);
    }
    return parse(pathOrText, "manager.conf text");
  }

  // ---- config.c ------------------------------------------------------------------------------------------

  private static final class Category {
    final String name;
    final int lineno;
    boolean template;
    final List<String[]> vars = new ArrayList<>(); // name, value, lineno

    Category(String name, int lineno) {
      this.name = name;
      this.lineno = lineno;
    }
  }

  public static ManagerConf parse(String text, String source) {
    List<String> warnings = new ArrayList<>();
    List<Category> cats = new ArrayList<>();
    Category cat = null;
    int comment = 0;
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      int lineno = n + 1;
      String raw = lines[n];
      if (lineno == 1 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
      }
      if (raw.getBytes(StandardCharsets.UTF_8).length >= LINE_LIMIT - 1) {
        warn(warnings, "Line %d too long, skipping. It begins with: %.32s...", lineno, raw);
        continue;
      }
      StringBuilder keep = new StringBuilder();
      int i = 0;
      while (i < raw.length()) {
        char c = raw.charAt(i);
        if (c == ';') {
          if (i > 0 && raw.charAt(i - 1) == '\\' && comment == 0) {
            keep.setLength(keep.length() - 1); // "\;" is a literal semicolon
            keep.append(';');
            i++;
          } else if (raw.startsWith(";--", i) && !raw.startsWith(";---", i)) {
            comment++;
            i += 3;
          } else if (comment > 0) {
            i++;
          } else {
            break; // a comment to the end of the line
          }
        } else if (comment > 0) {
          if (raw.startsWith("--;", i)) {
            comment--;
            i += 3;
          } else {
            i++;
          }
        } else {
          keep.append(c);
          i++;
        }
      }
      String line = strip(keep.toString());
      if (line.isEmpty()) {
        continue;
      }
      if (line.charAt(0) == '[') {
        cat = category(line, lineno, cats, source);
        continue;
      }
      if (line.charAt(0) == '#') {
        throw new IllegalArgumentException(source + " line " + lineno + ": directive '" + line
            + "' is not supported by pbx-sim (it cannot know which file Asterisk would read)");
      }
      if (cat == null) {
        // process_text_line: "parse error: No category context for line %d of %s" and the file is invalid
        throw new IllegalArgumentException(source + " line " + lineno + ": no category context (a setting"
            + " before any [section]): Asterisk rejects the whole file");
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        warn(warnings, "No '=' (equal sign) in line %d of %s", lineno, source);
        continue;
      }
      if (eq > 0 && line.charAt(eq - 1) == '+') {
        String name = strip(line.substring(0, eq - 1));
        String add = line.substring(eq + 1);
        String[] last = null;
        for (String[] v : cat.vars) {
          if (v[0].equals(name)) {
            last = v;
          }
        }
        if (last != null) {
          last[1] = strip(last[1] + add);
          continue;
        }
        if (name.isEmpty()) {
          warn(warnings, "No variable name in line %d of %s", lineno, source);
        } else {
          cat.vars.add(new String[] {name, strip(add), Integer.toString(lineno)});
        }
        continue;
      }
      String name = strip(line.substring(0, eq));
      String value = line.substring(eq + 1);
      if (value.startsWith(">")) {
        value = value.substring(1);
      }
      if (name.isEmpty()) {
        warn(warnings, "No variable name in line %d of %s", lineno, source);
        continue;
      }
      cat.vars.add(new String[] {name, strip(value), Integer.toString(lineno)});
    }
    if (comment > 0) {
      warn(warnings, "Unterminated comment detected in %s", source);
    }
    return interpret(cats, source, warnings);
  }

  private static Category category(String line, int lineno, List<Category> cats, String source) {
    int close = line.indexOf(']');
    if (close < 0) {
      throw new IllegalArgumentException(source + " line " + lineno + ": parse error: no closing ']'"
          + " (Asterisk rejects the whole file)");
    }
    String name = line.substring(1, close);
    Category cat = new Category(name, lineno);
    String rest = line.substring(close + 1);
    if (rest.startsWith("(")) {
      int end = rest.indexOf(')');
      if (end < 0) {
        throw new IllegalArgumentException(source + " line " + lineno + ": parse error: no closing ')'");
      }
      for (String opt : rest.substring(1, end).split(",", -1)) {
        if (opt.equals("!")) {
          cat.template = true;
        } else if (opt.startsWith("+")) {
          Category existing = null;
          for (Category c : cats) {
            if (c.name.equals(name)) {
              existing = c;
            }
          }
          if (existing == null) {
            throw new IllegalArgumentException(source + " line " + lineno + ": Category addition requested, but"
                + " category '" + name + "' does not exist");
          }
          return existing;
        } else if (!opt.isEmpty()) {
          Category base = null;
          for (Category c : cats) {
            if (c.name.equals(opt)) {
              base = c;
            }
          }
          if (base == null) {
            throw new IllegalArgumentException(source + " line " + lineno + ": Inheritance requested, but"
                + " category '" + opt + "' does not exist");
          }
          for (String[] v : base.vars) {
            cat.vars.add(v.clone());
          }
        }
      }
    }
    cats.add(cat);
    return cat;
  }

  /** {@code ast_strip}: leading and trailing characters below 33 removed. */
  static String strip(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && s.charAt(a) < 33) {
      a++;
    }
    while (b > a && s.charAt(b - 1) < 33) {
      b--;
    }
    return s.substring(a, b);
  }

  static void warn(List<String> warnings, String fmt, Object... args) {
    String w = String.format(Locale.ROOT, fmt, args);
    warnings.add(w);
    LOG.warn("manager.conf: {}", w);
  }

  // ---- manager.c __init_manager --------------------------------------------------------------------------

  private static ManagerConf interpret(List<Category> cats, String source, List<String> warnings) {
    boolean enabled = false;
    int port = 5038;
    String bindaddr = "::";
    boolean displayconnects = true;
    boolean timestampevents = false;
    boolean allowMultiple = true;
    int authTimeout = 30;
    int authLimit = 50;
    Set<String> disabled = new LinkedHashSet<>();
    for (Category c : cats) {
      if (!c.name.equalsIgnoreCase("general") || c.template) {
        continue;
      }
      for (String[] v : c.vars) {
        String k = v[0].toLowerCase(Locale.ROOT);
        String val = v[1];
        if (k.startsWith("tls") || k.equals("sslclientmethod")) {
          continue; // ast_tls_read_conf: TLS is not simulated
        }
        switch (k) {
          case "enabled" -> enabled = ManagerPerms.isTrue(val);
          case "webenabled", "httptimeout", "brokeneventsaction", "debug", "channelvars" -> { }
          case "port" -> {
            Integer p = parseIntStrict(val);
            if (p == null || p < 1024 || p > 65535) {
              warn(warnings, "Invalid port number '%s'", val);
            } else {
              port = p;
            }
          }
          case "bindaddr" -> bindaddr = val;
          case "allowmultiplelogin" -> allowMultiple = ManagerPerms.isTrue(val);
          case "displayconnects" -> displayconnects = ManagerPerms.isTrue(val);
          case "timestampevents" -> timestampevents = ManagerPerms.isTrue(val);
          case "authtimeout" -> {
            int t = atoi(val);
            if (t < 1) {
              warn(warnings, "Invalid authtimeout value '%s', using default value", val);
            } else {
              authTimeout = t;
            }
          }
          case "authlimit" -> {
            int l = atoi(val);
            if (l < 1) {
              warn(warnings, "Invalid authlimit value '%s', using default value", val);
            } else {
              authLimit = l;
            }
          }
          case "disabledevents" -> {
            disabled.clear();
            for (String e : val.split(",")) {
              if (!strip(e).isEmpty()) {
                disabled.add(strip(e));
              }
            }
          }
          default -> warn(warnings, "Invalid keyword <%s> = <%s> in manager.conf [general]", v[0], val);
        }
      }
    }
    General general = new General(enabled, port, bindaddr, displayconnects, timestampevents, allowMultiple,
        authTimeout, authLimit, Set.copyOf(disabled));
    Map<String, ManagerUser.Builder> builders = new LinkedHashMap<>();
    for (Category c : cats) {
      if (c.name.equalsIgnoreCase("general") || c.template) {
        continue;
      }
      String key = c.name.toLowerCase(Locale.ROOT);
      ManagerUser.Builder u = builders.get(key);
      if (u == null) {
        u = new ManagerUser.Builder(c.name, displayconnects, allowMultiple);
        builders.put(key, u);
      } else {
        u.resetForReload(); // a second [name]: its filters and ACL start again, as on reload
      }
      for (String[] v : c.vars) {
        u.set(v[0], v[1], Integer.parseInt(v[2]), warnings);
      }
    }
    Map<String, ManagerUser> users = new LinkedHashMap<>();
    builders.forEach((k, b) -> {
      if (b.keep()) {
        users.put(k, b.build());
      }
    });
    return new ManagerConf(source, general, users, warnings);
  }

  /** {@code atoi}: leading blanks, optional sign, digits; 0 when none. */
  static int atoi(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    boolean neg = false;
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    long n = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i)) && n < Integer.MAX_VALUE) {
      n = n * 10 + (s.charAt(i++) - '0');
    }
    return (int) Math.min(Integer.MAX_VALUE, neg ? -n : n);
  }

  private static Integer parseIntStrict(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
