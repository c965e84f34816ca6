package cn.hotline12345.pbxsim.conf;

import cn.hotline12345.pbxsim.dialplan.ExtensionsConf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Checks an Asterisk configuration directory for what a real Asterisk 22 would reject or drop at load, as far as
 * the simulator can know it without running Asterisk: extensions.conf and queues.conf through the simulator's own
 * loaders ({@link ExtensionsConf}, {@link QueuesConf}), pjsip.conf (object types, option names, references, identify
 * {@code match} host names, TLS files), http.conf (TLS certificate), rtp.conf (port range). Each problem names the
 * file and line and quotes Asterisk's own log text where there is one.
 *
 * <p>Files are reached through two seams: {@link #resolver} decides whether a host name resolves (the default
 * resolves none: a committed configuration must not depend on the DNS of the machine that checks it, and the check
 * sends no query), and {@link #fileExists} whether a path named by the configuration exists on the PBX.
 */
public final class AsteriskConfigCheck {
  private Predicate<String> resolver = host -> false;
  private Predicate<String> fileExists = path -> Files.isReadable(Path.of(path));
  private final Map<String, String> unchecked = new TreeMap<>();

  /** Which host names resolve on the PBX (default: none). */
  public AsteriskConfigCheck resolver(Predicate<String> r) {
    this.resolver = r;
    return this;
  }

  /** Which paths exist and are readable on the PBX (default: this machine's files). */
  public AsteriskConfigCheck fileExists(Predicate<String> f) {
    this.fileExists = f;
    return this;
  }

  /** A file of the directory deliberately not checked, and why. */
  public AsteriskConfigCheck unchecked(String fileName, String reason) {
    unchecked.put(fileName, reason);
    return this;
  }

  /** One problem: file, line, what Asterisk would do. */
  public record Problem(String file, int line, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + message;
    }
  }

  /** Checks every file of {@code dir}; a file without a checker and not declared {@link #unchecked} is a problem. */
  public List<Problem> checkDirectory(Path dir) {
    List<Problem> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (unchecked.containsKey(name)) {
        continue;
      }
      if (name.equals("manager.conf")) {
        // its own reader (ami/ManagerConf, after manager.c's config handling): every warning Asterisk would log
        try {
          cn.hotline12345.pbxsim.ami.ManagerConf.load(f).warnings().forEach(w -> out.add(new Problem(name, lineOf(w), w)));
        } catch (RuntimeException e) {
          out.add(new Problem(name, 0, e.getMessage()));
        }
        continue;
      }
      if (name.equals("sorcery.conf")) {
        // its realtime families must be extconfig.conf's
        try {
          SorceryConf.check(name, ConfFile.read(f), realtimeFamilies(dir), out);
        } catch (ConfException e) {
          out.add(new Problem(name, e.line(), e.getMessage()));
        }
        continue;
      }
      try {
        out.addAll(check(name, ConfFile.read(f)));
      } catch (ConfException e) {
        out.add(new Problem(name, e.line(), e.getMessage()));
      } catch (UnsupportedOperationException e) {
        out.add(new Problem(name, 0, e.getMessage()));
      }
    }
    return out;
  }

  /** Checks one file by its name ({@code pjsip.conf}, ...). */
  public List<Problem> check(String name, ConfFile conf) {
    List<Problem> out = new ArrayList<>();
    switch (name) {
      case "extensions.conf" -> ExtensionsConf.load(conf);
      case "queues.conf" -> QueuesConf.load(conf).warnings().forEach(w -> out.add(new Problem(name, lineOf(w), w)));
      case "pjsip.conf" -> pjsip(name, conf, out);
      case "http.conf" -> http(name, conf, out);
      case "rtp.conf" -> rtp(name, conf, out);
      case "features.conf" -> FeaturesConf.load(conf);
      case "sorcery.conf" -> SorceryConf.check(name, conf, null, out);
      case "cel.conf", "cel_pgsql.conf", "res_pgsql.conf", "extconfig.conf", "logger.conf", "modules.conf" ->
          cn.hotline12345.pbxsim.records.RecordsConfCheck.check(name, conf, out);
      default -> throw new UnsupportedOperationException("the simulator has no checker for " + name
          + " (declare it unchecked, with the reason, or add one)");
    }
    return out;
  }

  /** The families of extconfig.conf's [settings] in {@code dir}, or null without the file. */
  private static Set<String> realtimeFamilies(Path dir) {
    Path ext = dir.resolve("extconfig.conf");
    if (!Files.isRegularFile(ext)) {
      return null;
    }
    Set<String> out = new HashSet<>();
    for (ConfFile.Category c : ConfFile.read(ext).categories()) {
      if (c.name().equals("settings")) {
        c.entries().forEach(e -> out.add(e.name().strip()));
      }
    }
    return out;
  }

  private static int lineOf(String warning) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("at line (\\d+)").matcher(warning);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  // ---- pjsip.conf ----------------------------------------------------------------------------

  private static final Map<String, Set<String>> PJSIP_OPTIONS = loadOptions();

  private static Map<String, Set<String>> loadOptions() {
    Map<String, Set<String>> m = new HashMap<>();
    try (InputStream in = AsteriskConfigCheck.class.getResourceAsStream("/pbxsim/pjsip-options.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] p = line.strip().split("\\s+");
        m.put(p[0], new HashSet<>(List.of(p).subList(1, p.length)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  private void pjsip(String file, ConfFile conf, List<Problem> out) {
    Map<String, Map<String, ConfFile.Category>> byType = new HashMap<>();
    for (ConfFile.Category c : conf.categories()) {
      if (c.template()) {
        continue;
      }
      String type = c.value("type").orElse(null);
      if (type == null) {
        // res_sorcery_config.c: "Could not create an object of type '%s' with id '%s' from configuration file"
        out.add(new Problem(file, c.line(), "[" + c.name() + "] has no type: Asterisk cannot create an object from it"));
        continue;
      }
      type = type.strip().toLowerCase(Locale.ROOT);
      Set<String> options = PJSIP_OPTIONS.get(type);
      if (options == null) {
        out.add(new Problem(file, c.lineOf("type"), "[" + c.name() + "] type = " + type
            + ": no such pjsip object type in Asterisk 22 (or one the simulator's check does not know)"));
        continue;
      }
      byType.computeIfAbsent(type, k -> new HashMap<>()).put(c.name(), c);
      for (ConfFile.Entry e : c.entries()) {
        if (!options.contains(e.name().toLowerCase(Locale.ROOT))) {
          out.add(new Problem(file, e.line(), "Could not find option suitable for category '" + c.name()
              + "' named '" + e.name() + "' at line " + e.line() + " of " + file + " (the " + type + " is not loaded)"));
        }
      }
    }
    Map<String, ConfFile.Category> endpoints = byType.getOrDefault("endpoint", Map.of());
    for (ConfFile.Category ep : endpoints.values()) {
      refs(file, ep, "aors", byType.getOrDefault("aor", Map.of()), out);
      refs(file, ep, "auth", byType.getOrDefault("auth", Map.of()), out);
      refs(file, ep, "outbound_auth", byType.getOrDefault("auth", Map.of()), out);
      refs(file, ep, "transport", byType.getOrDefault("transport", Map.of()), out);
    }
    for (ConfFile.Category id : byType.getOrDefault("identify", Map.of()).values()) {
      String ep = id.value("endpoint").orElse("");
      if (ep.isBlank()) {
        out.add(new Problem(file, id.line(), "Identify '" + id.name() + "' missing required endpoint name."));
      } else if (!endpoints.containsKey(ep.strip())) {
        out.add(new Problem(file, id.lineOf("endpoint"), "Identify '" + id.name() + "' points to endpoint '" + ep
            + "' but endpoint could not be found"));
      }
      boolean any = false;
      for (ConfFile.Entry e : id.entries()) {
        if (!e.name().equalsIgnoreCase("match")) {
          continue;
        }
        for (String host : e.value().split(",")) {
          String h = host.strip();
          if (h.isEmpty()) {
            continue;
          }
          any = true;
          if (!isAddress(h) && !resolver.test(hostPart(h))) {
            // res_pjsip_endpoint_identifier_ip.c ip_identify_apply: the identify is not loaded
            out.add(new Problem(file, e.line(), "Identify '" + id.name() + "' failed when adding resolution results of '"
                + h + "' (a host name that does not resolve: the identify is dropped and calls from it are refused)"));
          }
        }
      }
      if (!any && id.value("match_header").isEmpty() && id.value("match_request_uri").isEmpty()) {
        out.add(new Problem(file, id.line(), "Identify '" + id.name() + "' is not configured to match anything."));
      }
    }
    for (ConfFile.Category aor : byType.getOrDefault("aor", Map.of()).values()) {
      for (ConfFile.Entry e : aor.entries()) {
        if (e.name().equalsIgnoreCase("contact")) {
          String host = e.value().replaceFirst("^sips?:", "").replaceFirst("^[^@]*@", "").replaceFirst(";.*$", "");
          if (!isAddress(host) && !resolver.test(hostPart(host))) {
            out.add(new Problem(file, e.line(), "aor '" + aor.name() + "' contact " + e.value()
                + ": the host does not resolve, so calls to it fail"));
          }
        }
      }
    }
    int websockets = 0;
    for (ConfFile.Category t : byType.getOrDefault("transport", Map.of()).values()) {
      String protocol = t.value("protocol").orElse("udp").strip().toLowerCase(Locale.ROOT);
      if (!Set.of("udp", "tcp", "tls", "ws", "wss", "flow").contains(protocol)) {
        out.add(new Problem(file, t.lineOf("protocol"), "Transport '" + t.name() + "': unknown protocol " + protocol));
      }
      if (protocol.equals("ws") || protocol.equals("wss")) {
        websockets++;
      }
      for (String key : List.of("cert_file", "priv_key_file", "ca_list_file")) {
        t.value(key).filter(v -> !v.isBlank()).ifPresent(v -> {
          if (!protocol.startsWith("ws") && !fileExists.test(v.strip())) {
            // config_transport.c transport_tls_file_handler
            out.add(new Problem(file, t.lineOf(key), "Transport: " + t.name() + ": " + key + " " + v
                + " is either missing or not readable"));
          }
        });
      }
      if (protocol.equals("tls") && (t.value("cert_file").isEmpty() || t.value("priv_key_file").isEmpty())) {
        out.add(new Problem(file, t.line(), "Transport '" + t.name() + "': protocol tls needs cert_file and priv_key_file"));
      }
    }
    if (websockets > 1) {
      out.add(new Problem(file, 0, "only one ws/wss transport is used by Asterisk (WebSocket SIP runs on http.conf's server)"));
    }
  }

  private static void refs(String file, ConfFile.Category c, String key, Map<String, ConfFile.Category> targets,
      List<Problem> out) {
    c.value(key).ifPresent(v -> {
      for (String ref : v.split(",")) {
        String r = ref.strip();
        if (!r.isEmpty() && !targets.containsKey(r)) {
          out.add(new Problem(file, c.lineOf(key), "[" + c.name() + "] " + key + " = " + r + ": no such object"));
        }
      }
    });
  }

  private static String hostPart(String h) {
    String s = h;
    if (s.startsWith("[")) {
      int end = s.indexOf(']');
      return end > 0 ? s.substring(1, end) : s;
    }
    int slash = s.indexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    int colon = s.indexOf(':');
    if (colon >= 0 && s.indexOf(':', colon + 1) < 0) {
      s = s.substring(0, colon);
    }
    return s;
  }

  /** An IPv4/IPv6 literal, optionally with a port or a /mask: Asterisk parses it without any lookup. */
  static boolean isAddress(String h) {
    String host = hostPart(h);
    if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      for (String p : host.split("\\.")) {
        if (Integer.parseInt(p) > 255) {
          return false;
        }
      }
      String mask = h.contains("/") ? h.substring(h.indexOf('/') + 1) : null;
      return mask == null || mask.matches("\\d{1,2}|\\d{1,3}(\\.\\d{1,3}){3}");
    }
    if (host.contains(":") && host.matches("[0-9a-fA-F:.]+")) {
      try {
        return InetAddress.getByName(host) != null; // a literal: no lookup is made
      } catch (IOException e) {
        return false;
      }
    }
    return false;
  }

  // ---- http.conf, rtp.conf ------------------------------------------------------------------

  private static final Set<String> HTTP = Set.of("enabled", "bindaddr", "bindport", "prefix", "redirect",
      "sessionlimit", "session_inactivity", "session_keep_alive", "servername", "enablestatic", "enable_static",
      "enable_status", "permit", "deny", "acl", "tlsenable", "tlsbindaddr", "tlscertfile", "tlscert", "tlsprivatekey",
      "tlscipher", "tlscafile", "tlscapath", "tlscadir", "tlsverifyclient", "tlsdontverifyserver", "tlsclientmethod",
      "sslclientmethod", "tlsservercipherorder", "tlsdisablev1", "tlsdisablev11", "tlsdisablev12");

  private void http(String file, ConfFile conf, List<Problem> out) {
    for (ConfFile.Category c : conf.categories()) {
      if (!c.name().equalsIgnoreCase("general")) {
        out.add(new Problem(file, c.line(), "[" + c.name() + "]: http.conf has only [general]"));
        continue;
      }
      for (ConfFile.Entry e : c.entries()) {
        if (!HTTP.contains(e.name().toLowerCase(Locale.ROOT))) {
          out.add(new Problem(file, e.line(), "unknown http.conf option '" + e.name() + "'"));
        }
      }
      if (c.value("tlsenable").map(ConfFile::isTrue).orElse(false)) {
        String cert = c.value("tlscertfile").or(() -> c.value("tlscert")).orElse("");
        if (cert.isBlank()) {
          out.add(new Problem(file, c.lineOf("tlsenable"), "tlsenable = yes without tlscertfile: the HTTPS server stays off"));
        } else if (!fileExists.test(cert.strip())) {
          // main/tcptls.c __ssl_setup: the TLS server is not started
          out.add(new Problem(file, c.lineOf("tlscertfile"), "TLS/SSL error loading public key (certificate) from <"
              + cert + ">: the file does not exist, the HTTPS/WSS server stays off"));
        }
        c.value("tlsprivatekey").filter(k -> !k.isBlank() && !fileExists.test(k.strip())).ifPresent(k ->
            out.add(new Problem(file, c.lineOf("tlsprivatekey"), "TLS/SSL error loading private key from <" + k
                + ">: the file does not exist, the HTTPS/WSS server stays off")));
      }
    }
  }

  private static final Set<String> RTP = Set.of("rtpstart", "rtpend", "rtpchecksums", "dtmftimeout", "rtcpinterval",
      "strictrtp", "probation", "icesupport", "stunaddr", "stun_software_attribute", "turnaddr", "turnusername",
      "turnpassword", "dtls_mtu", "srtpreplayprotection", "include_local_address", "permit", "deny", "acl",
      "ice_blacklist", "ice_acl", "ice_permit", "ice_deny", "stun_blacklist", "stun_acl", "stun_permit", "stun_deny");

  private void rtp(String file, ConfFile conf, List<Problem> out) {
    for (ConfFile.Category c : conf.categories()) {
      if (c.name().equalsIgnoreCase("ice_host_candidates")) {
        continue;
      }
      if (!c.name().equalsIgnoreCase("general")) {
        out.add(new Problem(file, c.line(), "[" + c.name() + "]: rtp.conf has only [general] and [ice_host_candidates]"));
        continue;
      }
      for (ConfFile.Entry e : c.entries()) {
        if (!RTP.contains(e.name().toLowerCase(Locale.ROOT))) {
          out.add(new Problem(file, e.line(), "unknown rtp.conf option '" + e.name() + "'"));
        }
      }
      try {
        int start = Integer.parseInt(c.value("rtpstart").orElse("5000").strip());
        int end = Integer.parseInt(c.value("rtpend").orElse("31000").strip());
        if (start >= end || start < 1024 || end > 65535) {
          // res_rtp_asterisk.c rtp_reload: both are reset to 5000..31000
          out.add(new Problem(file, c.lineOf("rtpstart"), "Unreasonable values for RTP start/end port in rtp.conf"));
        }
      } catch (NumberFormatException e) {
        out.add(new Problem(file, c.lineOf("rtpstart"), "rtpstart/rtpend must be numbers"));
      }
    }
  }
}
