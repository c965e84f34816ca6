package cn.hotline12345.pbxsim.dialplan;

import cn.hotline12345.pbxsim.conf.ConfException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Application data as written in extensions.conf, parsed once at load: literal text, {@code ${VAR}},
 * {@code ${VAR:offset:length}}, {@code ${FUNC(args)}} and {@code $[expression]}, nested as Asterisk's
 * {@code pbx_substitute_variables_helper_full} (main/pbx_variables.c) nests them. Expanded per run with the
 * channel's {@link Vars}; the result is what Newexten shows as AppData.
 *
 * <p>Functions the simulator implements: {@code CALLERID} (num, name), {@code IF(cond?a:b)}, {@code LEN}. Any
 * other function fails loading with the file and line, so a dialplan never silently loses a value.
 */
public final class Template {
  /** Dialplan functions this simulator evaluates. */
  public static final Set<String> FUNCTIONS = Set.of("CALLERID", "IF", "LEN");

  private interface Part {
    void append(StringBuilder out, Vars v);
  }

  private record Literal(String text) implements Part {
    public void append(StringBuilder out, Vars v) {
      out.append(text);
    }
  }

  private record Variable(Template name) implements Part {
    public void append(StringBuilder out, Vars v) {
      out.append(lookup(name.expand(v), v));
    }
  }

  private record Expr(Template inner) implements Part {
    public void append(StringBuilder out, Vars v) {
      out.append(Expression.evaluate(inner.expand(v)));
    }
  }

  private final List<Part> parts;
  private final String text;

  private Template(String text, List<Part> parts) {
    this.text = text;
    this.parts = parts;
  }

  /** The text as written. */
  public String text() {
    return text;
  }

  public static Template literal(String text) {
    return new Template(text, List.of(new Literal(text)));
  }

  public String expand(Vars v) {
    if (parts.size() == 1 && parts.get(0) instanceof Literal l) {
      return l.text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (Part p : parts) {
      p.append(sb, v);
    }
    return sb.toString();
  }

  /** Parses {@code text}; unknown functions and unbalanced braces fail with {@code source:line}. */
  public static Template parse(String text, String source, int line) {
    List<Part> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        // pbx_variables.c keeps a backslash-escaped character as it is (the app parser unescapes later)
        lit.append(c).append(text.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c == '$' && i + 1 < text.length() && (text.charAt(i + 1) == '{' || text.charAt(i + 1) == '[')) {
        char open = text.charAt(i + 1);
        char close = open == '{' ? '}' : ']';
        int depth = 1;
        int j = i + 2;
        while (j < text.length() && depth > 0) {
          char d = text.charAt(j);
          if (d == '$' && j + 1 < text.length() && (text.charAt(j + 1) == '{' || text.charAt(j + 1) == '[')) {
            if (text.charAt(j + 1) == open) {
              depth++;
            }
            j += 2;
            continue;
          }
          if (d == open) {
            depth++;
          } else if (d == close) {
            depth--;
          }
          j++;
        }
        if (depth != 0) {
          // pbx_variables.c: "Error in extension logic (missing '}')" / "(missing ']')"
          throw new ConfException(source, line, "Error in extension logic (missing '" + close + "') in: " + text);
        }
        if (lit.length() > 0) {
          parts.add(new Literal(lit.toString()));
          lit.setLength(0);
        }
        String inner = text.substring(i + 2, j - 1);
        Template t = parse(inner, source, line);
        if (open == '{') {
          checkVariable(inner, source, line);
          parts.add(new Variable(t));
        } else {
          Expression.check(inner, source, line);
          parts.add(new Expr(t));
        }
        i = j;
        continue;
      }
      lit.append(c);
      i++;
    }
    if (lit.length() > 0 || parts.isEmpty()) {
      parts.add(new Literal(lit.toString()));
    }
    return new Template(text, List.copyOf(parts));
  }

  private static void checkVariable(String inner, String source, int line) {
    int paren = inner.indexOf('(');
    if (paren > 0 && !inner.substring(0, paren).contains("${")) {
      String fn = inner.substring(0, paren);
      if (!FUNCTIONS.contains(fn)) {
        // pbx_functions.c: "Function %s not registered"
        throw new ConfException(source, line, "Function " + fn + " not registered (the simulator implements "
            + String.join(", ", new java.util.TreeSet<>(FUNCTIONS)) + ")");
      }
      if (!inner.endsWith(")")) {
        throw new ConfException(source, line, "Can't find trailing parenthesis for function '" + fn + "'");
      }
    }
  }

  /** {@code NAME}, {@code NAME:offset[:length]} or {@code FUNC(args)[:offset[:length]]}. */
  static String lookup(String expr, Vars v) {
    String name = expr;
    String range = null;
    int close = expr.lastIndexOf(')');
    int colon = expr.indexOf(':', close < 0 ? 0 : close);
    if (colon > 0) {
      name = expr.substring(0, colon);
      range = expr.substring(colon + 1);
    }
    String value;
    int paren = name.indexOf('(');
    if (paren > 0 && name.endsWith(")")) {
      value = function(name.substring(0, paren), name.substring(paren + 1, name.length() - 1), v);
    } else {
      value = v.get(name);
    }
    return range == null ? value : substring(value, range);
  }

  private static String function(String fn, String args, Vars v) {
    switch (fn) {
      case "IF": {
        // func_logic.c acf_if: "expr?iftrue:iffalse"
        int q = args.indexOf('?');
        String cond = q < 0 ? args : args.substring(0, q);
        String branches = q < 0 ? "" : args.substring(q + 1);
        int colon = branches.indexOf(':');
        String t = colon < 0 ? branches : branches.substring(0, colon);
        String f = colon < 0 ? "" : branches.substring(colon + 1);
        return Expression.checkCondition(cond.strip()) ? t.strip() : f.strip();
      }
      case "LEN":
        return Integer.toString(args.length());
      default:
        return v.function(fn, args);
    }
  }

  /** ${VAR:offset:length} as pbx_variables.c substring(): negative offset counts from the end. */
  private static String substring(String value, String range) {
    String[] r = range.split(":", -1);
    int len = value.length();
    int offset;
    try {
      offset = r[0].isBlank() ? 0 : Integer.parseInt(r[0].strip());
    } catch (NumberFormatException e) {
      return value;
    }
    int length = Integer.MAX_VALUE;
    if (r.length > 1 && !r[1].isBlank()) {
      try {
        length = Integer.parseInt(r[1].strip());
      } catch (NumberFormatException e) {
        length = Integer.MAX_VALUE;
      }
    }
    if (offset < 0) {
      offset = Math.max(0, len + offset);
    }
    if (offset >= len) {
      return "";
    }
    int end;
    if (length < 0) {
      end = Math.max(offset, len + length);
    } else {
      end = (int) Math.min((long) len, (long) offset + length);
    }
    return value.substring(offset, end);
  }
}
