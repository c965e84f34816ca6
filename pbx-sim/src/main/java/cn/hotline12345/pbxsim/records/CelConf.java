package cn.hotline12345.pbxsim.records;

import cn.hotline12345.pbxsim.conf.ConfException;
import cn.hotline12345.pbxsim.conf.ConfFile;
import cn.hotline12345.pbxsim.dialplan.ExtensionsConf;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code [general]} section of a cel.conf as main/cel.c (branch 22) reads it: {@code enable} (default no),
 * {@code apps} (the applications whose APP_START/APP_END are reported, compared in lower case by
 * {@code cel_track_app}; {@code all} for every one) and {@code events} (the event names, or {@code ALL}).
 *
 * @param enabled whether CEL is on at all
 * @param apps    lower-case application names; empty with {@code allApps}
 * @param allApps {@code apps = all}
 * @param events  upper-case event names
 */
public record CelConf(boolean enabled, Set<String> apps, boolean allApps, Set<String> events) {

  /** Every event main/cel.c knows ({@code cel_event_types}), for {@code events = ALL} and for checking names. */
  public static final Set<String> KNOWN_EVENTS = Set.of("CHAN_START", "CHAN_END", "ANSWER", "HANGUP", "APP_START",
      "APP_END", "PARK_START", "PARK_END", "USER_DEFINED", "BRIDGE_ENTER", "BRIDGE_EXIT", "BLINDTRANSFER",
      "ATTENDEDTRANSFER", "PICKUP", "FORWARD", "LINKEDID_END", "LOCAL_OPTIMIZE", "LOCAL_OPTIMIZE_BEGIN",
      "STREAM_BEGIN", "STREAM_END", "DTMF");

  public CelConf {
    apps = Set.copyOf(apps);
    events = Set.copyOf(events);
  }

  /** The shipped docker/asterisk/cel.conf, bundled into the jar. */
  public static CelConf shipped() {
    return load(ConfFile.resource(ExtensionsConf.SHIPPED_DIR + "cel.conf"));
  }

  /** Reads one cel.conf; an event name main/cel.c does not know fails, as {@code events_handler} refuses it. */
  public static CelConf load(ConfFile conf) {
    ConfFile.Category g = conf.first("general")
        .orElseThrow(() -> new ConfException(conf.source(), 0, "no [general] section"));
    boolean enabled = g.value("enable").map(CelConf::isTrue).orElse(false);
    Set<String> apps = new LinkedHashSet<>();
    boolean allApps = false;
    for (String a : g.value("apps").orElse("").split(",")) {
      String app = a.trim().toLowerCase(Locale.ROOT);
      if (app.equals("all")) {
        allApps = true;
      } else if (!app.isEmpty()) {
        apps.add(app);
      }
    }
    Set<String> events = new LinkedHashSet<>();
    for (String e : g.value("events").orElse("").split(",")) {
      String ev = e.trim().toUpperCase(Locale.ROOT);
      if (ev.equals("ALL")) {
        events.addAll(KNOWN_EVENTS);
      } else if (!ev.isEmpty()) {
        if (!KNOWN_EVENTS.contains(ev)) {
          throw new ConfException(conf.source(), g.lineOf("events"), "unknown CEL event '" + ev + "'");
        }
        events.add(ev);
      }
    }
    return new CelConf(enabled, apps, allApps, events);
  }

  /** Whether events of this type are written. */
  public boolean tracks(String event) {
    return enabled && events.contains(event);
  }

  /** Whether APP_START/APP_END of this application are written (main/cel.c cel_track_app). */
  public boolean tracksApp(String app) {
    return app != null && !app.isEmpty() && (allApps || apps.contains(app.toLowerCase(Locale.ROOT)));
  }

  private static boolean isTrue(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    return s.equals("yes") || s.equals("true") || s.equals("y") || s.equals("t") || s.equals("1") || s.equals("on");
  }
}
