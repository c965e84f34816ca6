package cn.hotline12345.pbxsim.dialplan;

import cn.hotline12345.pbxsim.conf.ConfException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code $[...]} as Asterisk's expression parser evaluates it (main/ast_expr2.y, ast_expr2.fl on branch 22):
 * operators by rising precedence {@code ? ::}, {@code |}, {@code &}, {@code = == != < > <= >=}, {@code + -},
 * {@code * / %}, unary {@code ! -}, parentheses; a quoted string {@code "..."} is one token with its quotes
 * removed; comparisons are numeric when both sides look like numbers, string comparisons otherwise; {@code a | b}
 * is {@code a} unless a is empty or zero, {@code a & b} is {@code a} when neither is. The regular expression
 * operators {@code :} and {@code =~} and the math functions are not implemented: loading refuses them.
 *
 * <p>A syntax error evaluates to the empty string, which is what Asterisk returns after logging
 * {@code ast_yyerror(): syntax error}.
 */
final class Expression {
  private Expression() {
  }

  private static final List<String> OPS = List.of("::", "==", "!=", "<=", ">=", "=~", "|", "&", "=", "<", ">", "+",
      "-", "*", "/", "%", "!", "(", ")", "?", ":");

  private record Token(String text, boolean operator) {
  }

  static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    StringBuilder word = new StringBuilder();
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        flush(word, out);
        i++;
        continue;
      }
      if (c == '"') {
        flush(word, out);
        int end = s.indexOf('"', i + 1);
        if (end < 0) {
          end = s.length();
        }
        out.add(new Token(s.substring(i + 1, end), false));
        i = Math.min(s.length(), end + 1);
        continue;
      }
      String op = null;
      for (String o : OPS) {
        if (s.startsWith(o, i)) {
          op = o;
          break;
        }
      }
      if (op != null) {
        flush(word, out);
        out.add(new Token(op, true));
        i += op.length();
        continue;
      }
      word.append(c);
      i++;
    }
    flush(word, out);
    return out;
  }

  private static void flush(StringBuilder word, List<Token> out) {
    if (word.length() > 0) {
      out.add(new Token(word.toString(), false));
      word.setLength(0);
    }
  }

  /** Load-time check of the operators (variables are still unexpanded, so only operators are judged). */
  static void check(String inner, String source, int line) {
    String masked = inner.replaceAll("\\$\\{[^}]*}", "x");
    for (Token t : tokens(masked)) {
      if (t.operator && (t.text.equals(":") || t.text.equals("=~"))) {
        throw new ConfException(source, line, "expression operator '" + t.text
            + "' (regular expression match) is not implemented by the simulator: $[" + inner + "]");
      }
    }
  }

  static String evaluate(String text) {
    Parser p = new Parser(tokens(text));
    try {
      String v = p.ternary();
      if (p.pos != p.toks.size()) {
        return "";
      }
      return v;
    } catch (IllegalStateException e) {
      return "";
    }
  }

  /** pbx_checkcondition(): empty is false, an integer is its value, any other text is true. */
  static boolean checkCondition(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?\\d+)").matcher(s);
    if (m.find()) {
      try {
        return new java.math.BigInteger(m.group(1)).signum() != 0;
      } catch (NumberFormatException e) {
        return true;
      }
    }
    return true;
  }

  private static final class Parser {
    final List<Token> toks;
    int pos;

    Parser(List<Token> toks) {
      this.toks = toks;
    }

    boolean at(String op) {
      return pos < toks.size() && toks.get(pos).operator && toks.get(pos).text.equals(op);
    }

    String ternary() {
      String c = or();
      if (at("?")) {
        pos++;
        String a = or();
        if (!at("::")) {
          throw new IllegalStateException("syntax");
        }
        pos++;
        String b = ternary();
        return isZeroOrNull(c) ? b : a;
      }
      return c;
    }

    String or() {
      String l = and();
      while (at("|")) {
        pos++;
        String r = and();
        l = isZeroOrNull(l) ? r : l;
      }
      return l;
    }

    String and() {
      String l = compare();
      while (at("&")) {
        pos++;
        String r = compare();
        l = isZeroOrNull(l) || isZeroOrNull(r) ? "0" : l;
      }
      return l;
    }

    String compare() {
      String l = additive();
      while (pos < toks.size() && toks.get(pos).operator
          && List.of("=", "==", "!=", "<", ">", "<=", ">=").contains(toks.get(pos).text)) {
        String op = toks.get(pos++).text;
        String r = additive();
        int cmp;
        BigDecimal a = number(l);
        BigDecimal b = number(r);
        cmp = a != null && b != null ? a.compareTo(b) : l.compareTo(r);
        boolean res = switch (op) {
          case "=", "==" -> cmp == 0;
          case "!=" -> cmp != 0;
          case "<" -> cmp < 0;
          case ">" -> cmp > 0;
          case "<=" -> cmp <= 0;
          default -> cmp >= 0;
        };
        l = res ? "1" : "0";
      }
      return l;
    }

    String additive() {
      String l = multiplicative();
      while (at("+") || at("-")) {
        String op = toks.get(pos++).text;
        String r = multiplicative();
        l = arith(l, r, op);
      }
      return l;
    }

    String multiplicative() {
      String l = unary();
      while (at("*") || at("/") || at("%")) {
        String op = toks.get(pos++).text;
        String r = unary();
        l = arith(l, r, op);
      }
      return l;
    }

    String unary() {
      if (at("!")) {
        pos++;
        return isZeroOrNull(unary()) ? "1" : "0";
      }
      if (at("-")) {
        pos++;
        return arith("0", unary(), "-");
      }
      return primary();
    }

    String primary() {
      if (at("(")) {
        pos++;
        String v = ternary();
        if (!at(")")) {
          throw new IllegalStateException("syntax");
        }
        pos++;
        return v;
      }
      if (pos >= toks.size() || toks.get(pos).operator) {
        throw new IllegalStateException("syntax");
      }
      return toks.get(pos++).text;
    }
  }

  private static String arith(String l, String r, String op) {
    BigDecimal a = number(l);
    BigDecimal b = number(r);
    if (a == null || b == null) {
      // ast_expr2.y: "non-numeric argument" -> the operation yields 0 after a warning
      return "0";
    }
    BigDecimal v;
    switch (op) {
      case "+" -> v = a.add(b);
      case "-" -> v = a.subtract(b);
      case "*" -> v = a.multiply(b);
      case "/" -> {
        if (b.signum() == 0) {
          return "0";
        }
        v = a.divide(b, 10, java.math.RoundingMode.DOWN);
      }
      default -> {
        if (b.signum() == 0) {
          return "0";
        }
        v = a.remainder(b);
      }
    }
    v = v.stripTrailingZeros();
    return v.scale() <= 0 ? v.toBigInteger().toString() : v.toPlainString();
  }

  private static BigDecimal number(String s) {
    if (s == null || s.isEmpty() || !s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)")) {
      return null;
    }
    return new BigDecimal(s);
  }

  private static boolean isZeroOrNull(String s) {
    if (s == null || s.isEmpty()) {
      return true;
    }
    BigDecimal n = number(s);
    return n != null && n.signum() == 0;
  }
}
