package cn.hotline12345.pbxsim.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One SIP message as carried over WebSocket (RFC 7118 section 5: one message per WebSocket message, no framing by
 * Content-Length needed). Headers keep their order and repetitions; names compare without case, and the compact
 * forms SIP.js never sends but RFC 3261 section 7.3.3 allows (v, f, t, i, m, l, c; r for Refer-To, RFC 3515; o for
 * Event, RFC 6665) are understood.
 */
public final class SipMessage {

  /** A request's method, or null for a response. */
  public final String method;
  public final String uri;
  public final int status;
  public final String reason;
  private final List<String[]> headers = new ArrayList<>();
  public String body = "";

  private SipMessage(String method, String uri, int status, String reason) {
    this.method = method;
    this.uri = uri;
    this.status = status;
    this.reason = reason;
  }

  public static SipMessage request(String method, String uri) {
    return new SipMessage(method, uri, 0, null);
  }

  public static SipMessage response(int status, String reason) {
    return new SipMessage(null, null, status, reason);
  }

  public boolean isRequest() {
    return method != null;
  }

  /** Parses a message; throws IllegalArgumentException on a malformed one (the server then closes nothing: it drops it). */
  public static SipMessage parse(String text) {
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    String body = end < 0 ? "" : text.substring(end + 4);
    String[] lines = head.split("\r\n");
    if (lines.length == 0 || lines[0].isBlank()) {
      throw new IllegalArgumentException("empty message");
    }
    String[] start = lines[0].split(" ", 3);
    if (start.length < 3) {
      throw new IllegalArgumentException("bad start line: " + lines[0]);
    }
    SipMessage m;
    if (start[0].equals("SIP/2.0")) {
      int code;
      try {
        code = Integer.parseInt(start[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad status: " + lines[0]);
      }
      m = response(code, start[2]);
    } else if (start[2].equals("SIP/2.0") && start[0].matches("[A-Z]{2,16}")) {
      m = request(start[0], start[1]);
    } else {
      throw new IllegalArgumentException("bad start line: " + lines[0]);
    }
    for (int i = 1; i < lines.length; i++) {
      String l = lines[i];
      if ((l.startsWith(" ") || l.startsWith("\t")) && !m.headers.isEmpty()) {
        String[] last = m.headers.get(m.headers.size() - 1);
        last[1] = last[1] + " " + l.trim();
        continue;
      }
      int c = l.indexOf(':');
      if (c <= 0) {
        throw new IllegalArgumentException("bad header: " + l);
      }
      m.headers.add(new String[] {full(l.substring(0, c).trim()), l.substring(c + 1).trim()});
    }
    String len = m.header("Content-Length");
    m.body = len == null ? body : body.substring(0, Math.min(body.length(), Math.max(0, parseLen(len))));
    if (m.header("Call-ID") == null || m.header("CSeq") == null || m.header("From") == null || m.header("To") == null
        || m.header("Via") == null) {
      throw new IllegalArgumentException("missing Call-ID, CSeq, From, To or Via");
    }
    return m;
  }

  private static int parseLen(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad Content-Length: " + s);
    }
  }

  private static String full(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "v" -> "Via";
      case "f" -> "From";
      case "t" -> "To";
      case "i" -> "Call-ID";
      case "m" -> "Contact";
      case "l" -> "Content-Length";
      case "c" -> "Content-Type";
      case "r" -> "Refer-To";
      case "o" -> "Event";
      default -> name;
    };
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    for (String[] h : headers) {
      if (h[0].equalsIgnoreCase(name)) {
        return h[1];
      }
    }
    return null;
  }

  public List<String> headers(String name) {
    List<String> out = new ArrayList<>();
    for (String[] h : headers) {
      if (h[0].equalsIgnoreCase(name)) {
        out.add(h[1]);
      }
    }
    return out;
  }

  public SipMessage add(String name, String value) {
    headers.add(new String[] {name, value});
    return this;
  }

  public SipMessage set(String name, String value) {
    headers.removeIf(h -> h[0].equalsIgnoreCase(name));
    return add(name, value);
  }

  /** CSeq's number. */
  public long cseq() {
    return Long.parseLong(header("CSeq").trim().split("\\s+")[0]);
  }

  /** CSeq's method. */
  public String cseqMethod() {
    String[] p = header("CSeq").trim().split("\\s+");
    return p.length > 1 ? p[1] : "";
  }

  /** A parameter of a header value ({@code tag} of From, {@code branch} of Via, {@code expires} of Contact). */
  public static String param(String value, String name) {
    if (value == null) {
      return null;
    }
    int gt = value.lastIndexOf('>');
    String params = gt < 0 ? value : value.substring(gt + 1);
    for (String p : params.split(";")) {
      String[] kv = p.trim().split("=", 2);
      if (kv[0].equalsIgnoreCase(name)) {
        return kv.length > 1 ? kv[1].trim() : "";
      }
    }
    return null;
  }

  /** The URI inside a name-addr ({@code "Ann" <sip:1001@x>;tag=1} gives {@code sip:1001@x}). */
  public static String uriOf(String value) {
    int lt = value.indexOf('<');
    int gt = value.indexOf('>');
    if (lt >= 0 && gt > lt) {
      return value.substring(lt + 1, gt);
    }
    int semi = value.indexOf(';');
    return (semi < 0 ? value : value.substring(0, semi)).trim();
  }

  /** The user part of a SIP URI. */
  public static String userOf(String uri) {
    String s = uri.replaceFirst("^sips?:", "");
    int at = s.indexOf('@');
    return at < 0 ? "" : s.substring(0, at);
  }

  /** A response to this request with Via, From, To, Call-ID and CSeq copied (RFC 3261 section 8.2.6.2). */
  public SipMessage reply(int code, String why, String toTag) {
    SipMessage r = response(code, why);
    for (String v : headers("Via")) {
      r.add("Via", v);
    }
    r.add("From", header("From"));
    String to = header("To");
    if (toTag != null && param(to, "tag") == null) {
      to = to + ";tag=" + toTag;
    }
    r.add("To", to).add("Call-ID", header("Call-ID")).add("CSeq", header("CSeq"));
    return r;
  }

  /** The text sent: Content-Length always set from the body (UTF-8 bytes). */
  public String encode() {
    StringBuilder sb = new StringBuilder();
    sb.append(isRequest() ? method + " " + uri + " SIP/2.0" : "SIP/2.0 " + status + " " + reason).append("\r\n");
    for (String[] h : headers) {
      if (!h[0].equalsIgnoreCase("Content-Length")) {
        sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
    }
    sb.append("Content-Length: ").append(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append("\r\n\r\n");
    return sb.append(body).toString();
  }
}
