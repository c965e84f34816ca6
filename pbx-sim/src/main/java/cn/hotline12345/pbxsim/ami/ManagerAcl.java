package cn.hotline12345.pbxsim.ami;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A manager user's {@code permit=}/{@code deny=} list, as {@code main/acl.c} (branch 22) builds and applies it.
 *
 * <p>{@code append_ha_core}: each value is a comma list of {@code address[/mask]} (mask dotted or CIDR; none means
 * the host alone), {@code !address} inverts the sense; the address is masked when parsed; the address must be
 * numeric ({@code ast_sockaddr_parse} does not resolve names), and a bad address or mask is an error, for which
 * manager.c logs "Invalid ACL ... Deleting user". {@code ast_apply_ha}: start with ALLOW, and every rule whose
 * network contains the client's address sets the result to its sense, so the <em>last</em> matching rule wins; an
 * IPv4 rule applies to an IPv4-mapped IPv6 client and never to a plain IPv6 one, and the reverse.
 * {@code acl = name} (a named ACL from acl.conf) is not simulated: such a list denies, as Asterisk does when the
 * named ACL is invalid.
 */
public final class ManagerAcl {
  private record Rule(boolean allow, byte[] net, byte[] mask) {
  }

  private final List<Rule> rules = new ArrayList<>();
  private boolean invalidNamed;

  /** Appends {@code sense = value}; returns an error text (for the "Deleting user" warning) or null. */
  String append(String sense, String value) {
    if (sense.toLowerCase(Locale.ROOT).startsWith("a")) {
      invalidNamed = true;
      return "named ACL '" + value + "' (acl.conf) is not simulated";
    }
    boolean allowing = sense.toLowerCase(Locale.ROOT).startsWith("p");
    for (String item : value.split(",", -1)) {
      String address = item;
      String mask = null;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        address = item.substring(0, slash);
        mask = item.substring(slash + 1);
      }
      boolean allow = allowing;
      if (address.startsWith("!")) {
        allow = !allowing;
        address = address.substring(1);
      }
      byte[] addr = numeric(address);
      if (addr == null) {
        return "Invalid IP address: " + address;
      }
      addr = unmapV4(addr);
      byte[] m;
      if (mask == null) {
        m = cidr(addr.length, addr.length * 8);
      } else if (mask.contains(".") || mask.contains(":")) {
        m = numeric(mask);
        if (m == null) {
          return "Invalid netmask: " + mask;
        }
        m = unmapV4(m);
        if (m.length != addr.length) {
          return "Address and mask are not using same address scheme.";
        }
      } else {
        Integer bits = leadingInt(mask);
        if (bits == null || bits < 0 || bits > addr.length * 8) {
          return "Invalid CIDR netmask: " + mask;
        }
        m = cidr(addr.length, bits);
      }
      byte[] net = new byte[addr.length];
      for (int i = 0; i < addr.length; i++) {
        net[i] = (byte) (addr[i] & m[i]);
      }
      rules.add(new Rule(allow, net, m));
    }
    return null;
  }

  /** {@code ast_apply_acl}: true when the client may log in. */
  public boolean permits(InetAddress client) {
    if (invalidNamed) {
      return false;
    }
    byte[] a = client.getAddress();
    boolean mappedV4 = false;
    if (a.length == 16 && isMapped(a)) {
      a = unmapV4(a);
      mappedV4 = true;
    }
    boolean result = true;
    for (Rule r : rules) {
      if (r.net.length != a.length) {
        continue; // an IPv4 rule never applies to plain IPv6, nor an IPv6 rule to IPv4 (or mapped IPv4)
      }
      if (mappedV4 && r.net.length == 16) {
        continue;
      }
      boolean match = true;
      for (int i = 0; i < a.length; i++) {
        if ((a[i] & r.mask[i]) != r.net[i]) {
          match = false;
          break;
        }
      }
      if (match) {
        result = r.allow;
      }
    }
    return result;
  }

  public boolean isEmpty() {
    return rules.isEmpty() && !invalidNamed;
  }

  private static Integer leadingInt(String s) {
    // sscanf("%30d"): leading blanks, sign, digits; trailing junk ignored
    String t = s.stripLeading();
    int i = 0;
    if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
      i++;
    }
    int start = i;
    while (i < t.length() && Character.isDigit(t.charAt(i)) && i - start < 10) {
      i++;
    }
    if (i == start) {
      return null;
    }
    return Integer.parseInt(t.substring(0, i));
  }

  private static byte[] cidr(int len, int bits) {
    byte[] m = new byte[len];
    for (int i = 0; i < len; i++) {
      int b = Math.max(0, Math.min(8, bits - i * 8));
      m[i] = (byte) (0xFF << (8 - b));
    }
    return m;
  }

  private static boolean isMapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF;
  }

  private static byte[] unmapV4(byte[] a) {
    if (a.length == 16 && isMapped(a)) {
      return new byte[] {a[12], a[13], a[14], a[15]};
    }
    return a;
  }

  /** A numeric IPv4 or IPv6 address (brackets allowed for IPv6), never a DNS name; null when not one. */
  static byte[] numeric(String s) {
    String t = s.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    if (t.isEmpty()) {
      return null;
    }
    if (t.contains(":")) {
      if (!t.matches("[0-9A-Fa-f:.]+")) {
        return null;
      }
    } else if (!t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return null;
    } else {
      for (String part : t.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return null;
        }
      }
    }
    try {
      return InetAddress.getByName(t).getAddress(); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
