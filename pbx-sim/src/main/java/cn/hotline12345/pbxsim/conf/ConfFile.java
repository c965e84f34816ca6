package cn.hotline12345.pbxsim.conf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One Asterisk configuration file read the way {@code main/config.c} (branch 22) reads it: {@code [category]} headers
 * with options {@code (!)} (template), {@code (+)} (append to the category of that name defined before) and
 * {@code (tpl1,tpl2)} (copy those templates' variables first), {@code name = value} and {@code name => value}
 * lines, {@code ;} comments ({@code \;} is a literal semicolon) and {@code ;-- ... --;} block comments.
 *
 * <p>{@code #include}, {@code #tryinclude} and {@code #exec} are refused: the simulator checks single files and
 * must not pretend to have read what it did not.
 */
public final class ConfFile {
  private final String source;
  private final List<Category> categories;

  private ConfFile(String source, List<Category> categories) {
    this.source = source;
    this.categories = Collections.unmodifiableList(categories);
  }

  /** A {@code name = value} line. {@code object} is true for {@code =>}; {@code inherited} for template copies. */
  public record Entry(String name, String value, boolean object, int line, boolean inherited) {
    Entry copyInherited() {
      return new Entry(name, value, object, line, true);
    }
  }

  /** A category with its effective entries (templates' entries first, as config.c copies them). */
  public static final class Category {
    private final String name;
    private final int line;
    private final boolean template;
    private final List<String> templates;
    private final List<Entry> entries = new ArrayList<>();

    Category(String name, int line, boolean template, List<String> templates) {
      this.name = name;
      this.line = line;
      this.template = template;
      this.templates = List.copyOf(templates);
    }

    public String name() {
      return name;
    }

    public int line() {
      return line;
    }

    public boolean template() {
      return template;
    }

    public List<String> templates() {
      return templates;
    }

    public List<Entry> entries() {
      return Collections.unmodifiableList(entries);
    }

    /** The last value of {@code key} (case-insensitive, as {@code ast_variable_retrieve}), if any. */
    public Optional<String> value(String key) {
      String found = null;
      for (Entry e : entries) {
        if (e.name().equalsIgnoreCase(key)) {
          found = e.value();
        }
      }
      return Optional.ofNullable(found);
    }

    /** The line a key was last set on (its template's line when inherited), or the category's line. */
    public int lineOf(String key) {
      int l = line;
      for (Entry e : entries) {
        if (e.name().equalsIgnoreCase(key)) {
          l = e.line();
        }
      }
      return l;
    }
  }

  public String source() {
    return source;
  }

  public List<Category> categories() {
    return categories;
  }

  /** Every non-template category of that name (pjsip.conf repeats names: [1001] endpoint, auth, aor). */
  public List<Category> all(String name) {
    return categories.stream().filter(c -> c.name.equalsIgnoreCase(name)).toList();
  }

  public Optional<Category> first(String name) {
    return categories.stream().filter(c -> c.name.equalsIgnoreCase(name)).findFirst();
  }

  public static ConfFile read(Path file) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a classpath resource ({@code /asterisk/extensions.conf}). */
  public static ConfFile resource(String path) {
    try (InputStream in = ConfFile.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new ConfException(path, 0, "no such resource on the class path");
      }
      return parse("classpath:" + path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ConfFile parse(String source, String text) {
    List<Category> cats = new ArrayList<>();
    Category current = null;
    boolean inBlockComment = false;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      StringBuilder sb = new StringBuilder();
      String raw = lines[i];
      int k = 0;
      while (k < raw.length()) {
        if (inBlockComment) {
          int end = raw.indexOf("--;", k);
          if (end < 0) {
            k = raw.length();
          } else {
            inBlockComment = false;
            k = end + 3;
          }
          continue;
        }
        char c = raw.charAt(k);
        if (c == '\\' && k + 1 < raw.length() && raw.charAt(k + 1) == ';') {
          sb.append(';');
          k += 2;
        } else if (c == ';') {
          if (raw.startsWith(";--", k)) {
            inBlockComment = true;
            k += 3;
          } else {
            break;
          }
        } else {
          sb.append(c);
          k++;
        }
      }
      String line = sb.toString().strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        throw new ConfException(source, lineNo, "directive not supported by the simulator: " + line);
      }
      if (line.startsWith("[")) {
        current = category(source, lineNo, line, cats);
        cats.add(current);
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        // config.c: "No '=' (equal sign) in line %d of %s" (the line is dropped)
        throw new ConfException(source, lineNo, "No '=' (equal sign) in line " + lineNo + " of " + source);
      }
      if (current == null) {
        throw new ConfException(source, lineNo, "parse error: no category context for line " + lineNo + " of " + source);
      }
      boolean object = eq + 1 < line.length() && line.charAt(eq + 1) == '>';
      String name = line.substring(0, eq).strip();
      String value = line.substring(eq + (object ? 2 : 1)).strip();
      current.entries.add(new Entry(name, value, object, lineNo, false));
    }
    if (inBlockComment) {
      throw new ConfException(source, lines.length, "unterminated ;-- block comment");
    }
    return new ConfFile(source, cats);
  }

  private static Category category(String source, int lineNo, String line, List<Category> before) {
    int close = line.indexOf(']');
    if (close < 0) {
      // config.c: "parse error: no closing ']', line %d of %s"
      throw new ConfException(source, lineNo, "parse error: no closing ']', line " + lineNo + " of " + source);
    }
    String name = line.substring(1, close).strip();
    String rest = line.substring(close + 1).strip();
    boolean template = false;
    boolean append = false;
    List<String> templates = new ArrayList<>();
    if (!rest.isEmpty()) {
      if (!rest.startsWith("(") || !rest.endsWith(")")) {
        throw new ConfException(source, lineNo, "unexpected text after category [" + name + "]: " + rest);
      }
      for (String opt : rest.substring(1, rest.length() - 1).split(",")) {
        String o = opt.strip();
        if (o.equals("!")) {
          template = true;
        } else if (o.equals("+")) {
          append = true;
        } else if (!o.isEmpty()) {
          templates.add(o);
        }
      }
    }
    if (append) {
      for (int j = before.size() - 1; j >= 0; j--) {
        if (before.get(j).name.equalsIgnoreCase(name)) {
          Category existing = before.get(j);
          before.remove(j);
          return existing;
        }
      }
      // config.c: "Category addition requested, but category '%s' does not exist, line %d of %s"
      throw new ConfException(source, lineNo, "Category addition requested, but category '" + name
          + "' does not exist, line " + lineNo + " of " + source);
    }
    Category c = new Category(name, lineNo, template, templates);
    for (String t : templates) {
      Category base = null;
      for (Category b : before) {
        if (b.name.equalsIgnoreCase(t) && (b.template || base == null)) {
          base = b;
        }
      }
      if (base == null) {
        // config.c: "Inheritance requested, but category '%s' does not exist, line %d of %s"
        throw new ConfException(source, lineNo, "Inheritance requested, but category '" + t
            + "' does not exist, line " + lineNo + " of " + source);
      }
      for (Entry e : base.entries) {
        c.entries.add(e.copyInherited());
      }
    }
    return c;
  }

  static boolean isTrue(String v) {
    // ast_true(): yes, true, y, t, 1, on
    String s = v.strip().toLowerCase(Locale.ROOT);
    return s.equals("yes") || s.equals("true") || s.equals("y") || s.equals("t") || s.equals("1") || s.equals("on");
  }

  static boolean isFalse(String v) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    return s.equals("no") || s.equals("false") || s.equals("n") || s.equals("f") || s.equals("0") || s.equals("off");
  }
}
