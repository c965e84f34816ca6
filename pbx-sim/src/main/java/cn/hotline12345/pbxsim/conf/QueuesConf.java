package cn.hotline12345.pbxsim.conf;

import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.pbxsim.dialplan.ExtensionsConf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads queues.conf as apps/app_queue.c (branch 22, {@code reload_queues}/{@code queue_set_param}) does:
 * {@code [general]}, one queue per other category, templates {@code (!)} and inheritance {@code (template)} (done by
 * {@link ConfFile}), {@code member =>} lines ({@code interface,penalty,membername,state_interface}).
 *
 * <p>Keywords app_queue does not know give its warning {@code Unknown keyword in queue '%s': %s at line %d of
 * queues.conf} ({@link #warnings()}; {@code eventwhencalled}, {@code eventmemberstatus}, {@code monitor-type} are
 * such keywords in Asterisk 22). Keywords Asterisk knows but the simulator does not act on are accepted when they
 * cannot change what the AMI shows (announcements); values the simulator would run differently
 * ({@code joinempty} other than yes, {@code leavewhenempty} other than no, unknown strategies) fail loading.
 */
public final class QueuesConf {
  /** queue_set_param's keywords (apps/app_queue.c, branch 22). */
  static final Set<String> KEYWORDS = Set.of("musicclass", "music", "musiconhold", "announce", "context", "timeout",
      "ringinuse", "setinterfacevar", "setqueuevar", "setqueueentryvar", "monitor-format", "membergosub",
      "queue-youarenext", "queue-thereare", "queue-callswaiting", "queue-holdtime", "queue-minutes", "queue-minute",
      "queue-seconds", "queue-thankyou", "queue-callerannounce", "queue-reporthold", "announce-frequency",
      "announce-to-first-user", "min-announce-frequency", "announce-round-seconds", "announce-holdtime",
      "announce-position", "announce-position-only-up", "announce-position-limit", "periodic-announce",
      "periodic-announce-startdelay", "periodic-announce-frequency", "relative-periodic-announce",
      "random-periodic-announce", "retry", "wrapuptime", "penaltymemberslimit", "autofill", "autopause",
      "autopausedelay", "autopausebusy", "autopauseunavail", "maxlen", "servicelevel", "strategy", "joinempty",
      "leavewhenempty", "reportholdtime", "memberdelay", "weight", "timeoutrestart", "defaultrule", "timeoutpriority",
      "log-restricted-caller-id");
  /** queue_set_global_params' keywords. */
  static final Set<String> GENERAL = Set.of("persistentmembers", "autofill", "shared_lastcall",
      "negative_penalty_invalid", "log_membername_as_agent", "force_longest_waiting_caller",
      "log_unpause_on_reason_change");

  private final List<QueueConfig> queues;
  private final List<String> warnings;
  private final boolean sharedLastcall;

  private QueuesConf(List<QueueConfig> queues, List<String> warnings, boolean sharedLastcall) {
    this.queues = List.copyOf(queues);
    this.warnings = List.copyOf(warnings);
    this.sharedLastcall = sharedLastcall;
  }

  /**
   * [general] {@code shared_lastcall}: app_queue.c queue_set_global_params, {@code shared_lastcall =
   * ast_true(general_val)}, default 0 (reload_queues: {@code shared_lastcall = 0;}).
   */
  public boolean sharedLastcall() {
    return sharedLastcall;
  }

  public List<QueueConfig> queues() {
    return queues;
  }

  /** Asterisk's warnings for this file, worded as app_queue words them. */
  public List<String> warnings() {
    return warnings;
  }

  public static QueuesConf shipped() {
    return load(ConfFile.resource(ExtensionsConf.SHIPPED_DIR + "queues.conf"));
  }

  public static QueuesConf captures() {
    return load(ConfFile.resource(ExtensionsConf.CAPTURES_DIR + "queues.conf"));
  }

  public static QueuesConf read(Path file) {
    return load(ConfFile.read(file));
  }

  public static QueuesConf load(ConfFile conf) {
    String src = conf.source();
    List<QueueConfig> out = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    boolean sharedLastcall = false;
    for (ConfFile.Category c : conf.categories()) {
      if (c.name().equalsIgnoreCase("general")) {
        for (ConfFile.Entry e : c.entries()) {
          if (e.name().equalsIgnoreCase("shared_lastcall")) {
            sharedLastcall = ConfFile.isTrue(e.value());
          }
          if (!GENERAL.contains(e.name().toLowerCase(Locale.ROOT))) {
            warnings.add("Unknown keyword in [general]: " + e.name() + " at line " + e.line() + " of queues.conf");
          }
        }
        continue;
      }
      if (c.template()) {
        continue;
      }
      Strategy strategy = Strategy.RRMEMORY;
      // app_queue.c init_queue(): timeout 15 (DEFAULT_TIMEOUT), retry 5 (DEFAULT_RETRY), wrapuptime 0
      int timeout = 15;
      int retry = 5;
      int wrapup = 0;
      QueueConfig.Options d = QueueConfig.ASTERISK_DEFAULTS;
      boolean ringinuse = d.ringinuse();
      boolean ifaceVar = d.setinterfacevar();
      boolean entryVar = d.setqueueentryvar();
      boolean queueVar = d.setqueuevar();
      int servicelevel = d.servicelevel();
      int maxlen = d.maxlen();
      String context = d.context();
      String music = d.musicclass();
      List<QueueConfig.Member> members = new ArrayList<>();
      for (ConfFile.Entry e : c.entries()) {
        String k = e.name().toLowerCase(Locale.ROOT);
        String v = e.value();
        int line = e.line();
        if (k.equals("member")) {
          members.add(member(src, line, v));
          continue;
        }
        if (!KEYWORDS.contains(k)) {
          warnings.add("Unknown keyword in queue '" + c.name() + "': " + e.name() + " at line " + line + " of queues.conf");
          continue;
        }
        switch (k) {
          case "strategy" -> {
            try {
              strategy = Strategy.parse(v);
            } catch (IllegalArgumentException ex) {
              throw new ConfException(src, line, "strategy '" + v + "' of queue '" + c.name()
                  + "' is not implemented by the simulator (ringall, rrmemory, leastrecent, fewestcalls)");
            }
          }
          case "timeout" -> timeout = integer(src, line, k, v);
          case "retry" -> retry = integer(src, line, k, v);
          case "wrapuptime" -> wrapup = integer(src, line, k, v);
          case "ringinuse" -> ringinuse = ConfFile.isTrue(v);
          case "setinterfacevar" -> ifaceVar = ConfFile.isTrue(v);
          case "setqueueentryvar" -> entryVar = ConfFile.isTrue(v);
          case "setqueuevar" -> queueVar = ConfFile.isTrue(v);
          case "servicelevel" -> servicelevel = integer(src, line, k, v);
          case "maxlen" -> maxlen = integer(src, line, k, v);
          case "context" -> context = v;
          case "musicclass", "music", "musiconhold" -> music = v;
          case "joinempty" -> {
            if (!ConfFile.isTrue(v)) {
              throw new ConfException(src, line, "joinempty = " + v + " is not implemented by the simulator (callers always join)");
            }
          }
          case "leavewhenempty" -> {
            if (!ConfFile.isFalse(v)) {
              throw new ConfException(src, line, "leavewhenempty = " + v + " is not implemented by the simulator (callers never leave)");
            }
          }
          default -> {
            // announcements and reporting options: nothing the AMI shows differs in the simulated calls
          }
        }
      }
      out.add(new QueueConfig(c.name(), strategy, timeout, retry, wrapup, members,
          new QueueConfig.Options(ringinuse, ifaceVar, entryVar, queueVar, servicelevel, maxlen, context, music)));
    }
    return new QueuesConf(out, warnings, sharedLastcall);
  }

  private static int integer(String src, int line, String key, String v) {
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new ConfException(src, line, key + " = " + v + ": not a number");
    }
  }

  /** {@code member => interface[,penalty[,membername[,state_interface[,ringinuse[,wrapuptime]]]]]}. */
  private static QueueConfig.Member member(String src, int line, String v) {
    String[] p = v.split(",", -1);
    String iface = p[0].strip();
    if (iface.isEmpty()) {
      throw new ConfException(src, line, "member without an interface");
    }
    int penalty = 0;
    if (p.length > 1 && !p[1].isBlank()) {
      penalty = integer(src, line, "penalty", p[1]);
    }
    String name = p.length > 2 && !p[2].isBlank() ? p[2].strip() : iface;
    String state = p.length > 3 && !p[3].isBlank() ? p[3].strip() : QueueConfig.Member.of(iface, name).stateInterface();
    return new QueueConfig.Member(iface, name, penalty, state);
  }
}
