package cn.hotline12345.pbxsim.dialplan;

import java.util.Comparator;

/**
 * Asterisk extension patterns (main/pbx.c, branch 22): {@code _} starts a pattern; {@code X} = 0-9, {@code Z} =
 * 1-9, {@code N} = 2-9, {@code [1-5a]} a set, {@code .} one or more characters, {@code !} zero or more, any other
 * character itself; {@code -} is "eye candy fluff" ignored in patterns and in literal extensions alike.
 */
final class Patterns {
  private Patterns() {
  }

  static boolean matches(String pattern, String exten) {
    if (!pattern.startsWith("_")) {
      return strip(pattern).equals(strip(exten));
    }
    return match(pattern.substring(1), 0, exten, 0);
  }

  private static String strip(String s) {
    return s.replace("-", "");
  }

  private static boolean match(String p, int pi, String d, int di) {
    while (true) {
      while (pi < p.length() && p.charAt(pi) == '-') {
        pi++;
      }
      if (pi >= p.length()) {
        return di >= d.length();
      }
      char c = p.charAt(pi);
      switch (c) {
        case '.':
          return di < d.length();
        case '!':
          return true;
        case '[': {
          int end = p.indexOf(']', pi);
          if (end < 0 || di >= d.length()) {
            return false;
          }
          if (!inSet(p.substring(pi + 1, end), d.charAt(di))) {
            return false;
          }
          pi = end + 1;
          di++;
          continue;
        }
        default:
          break;
      }
      if (di >= d.length()) {
        return false;
      }
      char e = d.charAt(di);
      boolean ok = switch (Character.toUpperCase(c)) {
        case 'X' -> e >= '0' && e <= '9';
        case 'Z' -> e >= '1' && e <= '9';
        case 'N' -> e >= '2' && e <= '9';
        default -> e == c;
      };
      if (!ok) {
        return false;
      }
      pi++;
      di++;
    }
  }

  private static boolean inSet(String set, char e) {
    for (int i = 0; i < set.length(); i++) {
      char a = set.charAt(i);
      char b = a;
      if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
        b = set.charAt(i + 2);
        i += 2;
      }
      if (e >= a && e <= b) {
        return true;
      }
    }
    return false;
  }

  /** ext_cmp(): literal extensions first (in ext_cmp_exten order), then patterns by specificity. */
  static final Comparator<String> ORDER = Patterns::compare;

  static int compare(String left, String right) {
    boolean lp = left.startsWith("_");
    boolean rp = right.startsWith("_");
    if (!lp && rp) {
      return -1;
    }
    if (lp && !rp) {
      return 1;
    }
    if (!lp) {
      String a = strip(left);
      String b = strip(right);
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    int[] li = {1};
    int[] ri = {1};
    while (true) {
      long[] lbits = new long[4];
      long[] rbits = new long[4];
      int l = pos(left, li, lbits);
      int r = pos(right, ri, rbits);
      int cmp = Integer.compare(l, r);
      if (cmp == 0) {
        // equal scores: the set with the lower characters sorts first (memcmp of right vs left)
        for (int k = 0; k < 4 && cmp == 0; k++) {
          cmp = Long.compareUnsigned(rbits[k], lbits[k]);
        }
      }
      if (cmp != 0 || l == 0x30000) {
        return cmp;
      }
    }
  }

  /** ext_cmp_pattern_pos(): the score of the next pattern position. */
  private static int pos(String p, int[] i, long[] bits) {
    while (i[0] < p.length() && p.charAt(i[0]) == '-') {
      i[0]++;
    }
    if (i[0] >= p.length()) {
      return 0x30000;
    }
    char c = p.charAt(i[0]++);
    switch (c) {
      case 'n', 'N' -> {
        setRange(bits, '2', '9');
        return 0x0800 | '2';
      }
      case 'x', 'X' -> {
        setRange(bits, '0', '9');
        return 0x0A00 | '0';
      }
      case 'z', 'Z' -> {
        setRange(bits, '1', '9');
        return 0x0900 | '1';
      }
      case '.' -> {
        return 0x18000;
      }
      case '!' -> {
        return 0x28000;
      }
      case '[' -> {
        int end = p.indexOf(']', i[0]);
        if (end < 0) {
          return 0x40000;
        }
        int count = 0;
        int cmin = 0xFF;
        String set = p.substring(i[0], end);
        i[0] = end + 1;
        for (int k = 0; k < set.length(); k++) {
          char a = set.charAt(k);
          char b = a;
          if (k + 2 < set.length() && set.charAt(k + 1) == '-') {
            b = set.charAt(k + 2);
            k += 2;
          }
          cmin = Math.min(cmin, a);
          for (char x = a; x <= b; x++) {
            if (setBit(bits, x)) {
              count += 0x100;
            }
          }
        }
        return count == 0 ? pos(p, i, bits) : count | cmin;
      }
      default -> {
        setBit(bits, c);
        return 0x0100 | (c & 0xFF);
      }
    }
  }

  private static void setRange(long[] bits, char a, char b) {
    for (char x = a; x <= b; x++) {
      setBit(bits, x);
    }
  }

  /** Sets the bit of {@code c} (most significant first, as the C code fills bytes); true if it was new. */
  private static boolean setBit(long[] bits, char c) {
    int v = c & 0xFF;
    int word = v / 64;
    long mask = 1L << (63 - (v % 64));
    boolean fresh = (bits[word] & mask) == 0;
    bits[word] |= mask;
    return fresh;
  }
}
