package cn.hotline12345.pbxsim.ami;

import cn.hotline12345.contract.ManagerClass;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Asterisk's manager permission bits and their words, with {@code main/manager.c}'s own parsing quirks (branch 22):
 *
 * <pre>
 * static const struct permalias { int num; const char *label; } perms[] = {
 *     { EVENT_FLAG_SYSTEM, "system" }, { EVENT_FLAG_CALL, "call" }, ... { EVENT_FLAG_MESSAGE, "message" },
 *     { INT_MAX, "all" }, { 0, "none" }, };
 * </pre>
 *
 * {@code get_perm} ORs the bits of every label that {@code ast_instring(instr, label, ',')} finds. That compares each
 * comma-separated token but the last with {@code strncmp(token, label, token_length)} and the last with
 * {@code strcmp}, with no trimming: so {@code "call, agent"} does not grant {@code agent} (the token is
 * {@code " agent"}), and a non-final token that is a prefix of labels ({@code "c,"}, or an empty one as in
 * {@code ",,"}) grants every label it prefixes. The sim reproduces this so that a mistyped {@code read=} fails here
 * as it fails on Asterisk.
 */
public final class ManagerPerms {
  public static final int SYSTEM = 1;
  public static final int CALL = 1 << 1;
  public static final int LOG = 1 << 2;
  public static final int VERBOSE = 1 << 3;
  public static final int COMMAND = 1 << 4;
  public static final int AGENT = 1 << 5;
  public static final int USER = 1 << 6;
  public static final int CONFIG = 1 << 7;
  public static final int DTMF = 1 << 8;
  public static final int REPORTING = 1 << 9;
  public static final int CDR = 1 << 10;
  public static final int DIALPLAN = 1 << 11;
  public static final int ORIGINATE = 1 << 12;
  public static final int AGI = 1 << 13;
  public static final int CC = 1 << 15;
  public static final int AOC = 1 << 16;
  public static final int TEST = 1 << 17;
  public static final int SECURITY = 1 << 18;
  public static final int MESSAGE = 1 << 30;
  public static final int ALL = Integer.MAX_VALUE;

  private static final String[] LABELS = {"system", "call", "log", "verbose", "command", "agent", "user", "config",
      "dtmf", "reporting", "cdr", "dialplan", "originate", "agi", "cc", "aoc", "test", "security", "message", "all",
      "none"};
  private static final int[] NUMS = {SYSTEM, CALL, LOG, VERBOSE, COMMAND, AGENT, USER, CONFIG, DTMF, REPORTING, CDR,
      DIALPLAN, ORIGINATE, AGI, CC, AOC, TEST, SECURITY, MESSAGE, ALL, 0};

  private ManagerPerms() {
  }

  /** {@code get_perm}: the bits a {@code read=}/{@code write=} value grants. */
  public static int getPerm(String instr) {
    if (instr == null) {
      return 0;
    }
    int ret = 0;
    for (int i = 0; i < LABELS.length; i++) {
      if (inString(instr, LABELS[i])) {
        ret |= NUMS[i];
      }
    }
    return ret;
  }

  /** {@code ast_instring(bigstr, smallstr, ',')}, byte for byte. */
  static boolean inString(String big, String small) {
    int start = 0;
    while (true) {
      int next = big.indexOf(',', start);
      if (next < 0) {
        return big.substring(start).equals(small);
      }
      // strncmp(val, smallstr, next - val): compares the token's length only, so a short token matches a longer label
      String token = big.substring(start, next);
      if (small.startsWith(token)) {
        return true;
      }
      start = next + 1;
      if (start >= big.length()) {
        return false; // do { ... } while (*(val = next + 1)): a trailing comma ends the scan
      }
    }
  }

  /**
   * {@code strings_to_mask} (the {@code Events:} header of Login and the {@code Events} action): all digits → that
   * number, {@code ast_false} → 0, {@code ast_true} → every bit, otherwise {@link #getPerm}; empty → -1.
   */
  public static int stringsToMask(String s) {
    if (s == null || s.isEmpty()) {
      return -1;
    }
    if (s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Integer.parseInt(s);
      } catch (NumberFormatException e) {
        return (int) Long.parseLong(s.substring(Math.max(0, s.length() - 18))); // atoi overflows; no client does this
      }
    }
    if (isFalse(s)) {
      return 0;
    }
    if (isTrue(s)) {
      int ret = 0;
      for (int n : NUMS) {
        ret |= n;
      }
      return ret;
    }
    return getPerm(s);
  }

  /** {@code ast_true}: yes, true, y, t, 1, on (case-insensitive). */
  public static boolean isTrue(String s) {
    if (s == null) {
      return false;
    }
    String v = s.trim().toLowerCase(Locale.ROOT);
    return v.equals("yes") || v.equals("true") || v.equals("y") || v.equals("t") || v.equals("1") || v.equals("on");
  }

  /** {@code ast_false}: no, false, n, f, 0, off (case-insensitive). */
  public static boolean isFalse(String s) {
    if (s == null) {
      return false;
    }
    String v = s.trim().toLowerCase(Locale.ROOT);
    return v.equals("no") || v.equals("false") || v.equals("n") || v.equals("f") || v.equals("0") || v.equals("off");
  }

  /**
   * {@code authority_to_str}: the {@code Privilege:} value of an event of this category, e.g. {@code call,all}
   * (every label whose bits intersect, "all" included, "none" excluded).
   */
  public static String authorityToString(int authority) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < LABELS.length - 1; i++) {
      if ((authority & NUMS[i]) != 0) {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(LABELS[i]);
      }
    }
    return sb.length() == 0 ? "<none>" : sb.toString();
  }

  /**
   * The category bits of an event from its {@code Privilege:} value ({@code "call,all"} → CALL): every class label
   * it names, "all" and "none" ignored, so that {@code authorityToString(categoryOf(p))} gives {@code p} back.
   */
  public static int categoryOf(String privilege) {
    if (privilege == null || privilege.isEmpty()) {
      return 0;
    }
    // a handful of distinct values ("call,all", "agent,all", ...), one per event built: parse each once
    return CATEGORY_CACHE.computeIfAbsent(privilege, ManagerPerms::parseCategory);
  }

  private static final java.util.concurrent.ConcurrentHashMap<String, Integer> CATEGORY_CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static int parseCategory(String privilege) {
    int bits = 0;
    for (String word : privilege.split(",")) {
      for (int i = 0; i < LABELS.length - 2; i++) {
        if (LABELS[i].equals(word)) {
          bits |= NUMS[i];
        }
      }
    }
    return bits;
  }

  /** The bit of a contract class. */
  public static int bit(ManagerClass c) {
    for (int i = 0; i < LABELS.length - 2; i++) {
      if (LABELS[i].equals(c.word())) {
        return NUMS[i];
      }
    }
    throw new IllegalArgumentException("no manager.c label for " + c);
  }

  public static int bits(Set<ManagerClass> classes) {
    int b = 0;
    for (ManagerClass c : classes) {
      b |= bit(c);
    }
    return b;
  }

  /** The contract classes whose bit is set in {@code perm}. */
  public static Set<ManagerClass> classes(int perm) {
    Set<ManagerClass> out = EnumSet.noneOf(ManagerClass.class);
    for (ManagerClass c : ManagerClass.values()) {
      if ((perm & bit(c)) != 0) {
        out.add(c);
      }
    }
    return out;
  }
}
