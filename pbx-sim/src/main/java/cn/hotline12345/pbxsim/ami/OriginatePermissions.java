package cn.hotline12345.pbxsim.ami;

import java.util.List;
import java.util.Locale;

/**
 * Asterisk 22's {@code is_originate_app_permitted} (main/manager.c): an Originate that names an Application is refused
 * with "Originate Access Forbidden: app or data blacklisted" when the first entry of {@code originate_app_permissions}
 * whose search matches asks for a class the session's {@code writeperm} lacks. The entries, in manager.c's order:
 * <pre>
 *   { "agi", EVENT_FLAG_SYSTEM, app_match }, { "dbdeltree", ... }, { "exec", ... }, { "externalivr", ... },
 *   { "mixmonitor", ... }, { "originate", ... }, { "reload", ... }, { "system", EVENT_FLAG_SYSTEM, app_match },
 *   { "queue", EVENT_FLAG_AGI | EVENT_FLAG_SYSTEM, queue_match },
 *   { "CURL", EVENT_FLAG_SYSTEM, appdata_match }, { "DB", ... }, { "EVAL", ... }, { "FILE", ... }, { "ODBC", ... },
 *   { "REALTIME", ... }, { "SHELL", EVENT_FLAG_SYSTEM, appdata_match },
 * </pre>
 * {@code app_match}: the search anywhere in the application name, case-insensitively ({@code strcasestr});
 * {@code appdata_match}: anywhere in the data, case-sensitively ({@code strstr}); {@code queue_match}: a Queue whose
 * sixth argument (agi) is set. {@code ChanSpy} matches none: it needs only the {@code originate} right of the action.
 */
public final class OriginatePermissions {

  private record Entry(String search, int permission, int kind) {
  }

  private static final int APP = 0;
  private static final int QUEUE = 1;
  private static final int DATA = 2;

  private static final List<Entry> ENTRIES = List.of(
    new Entry("agi", ManagerPerms.SYSTEM, APP), new Entry("dbdeltree", ManagerPerms.SYSTEM, APP),
    new Entry("exec", ManagerPerms.SYSTEM, APP), new Entry("externalivr", ManagerPerms.SYSTEM, APP),
    new Entry("mixmonitor", ManagerPerms.SYSTEM, APP), new Entry("originate", ManagerPerms.SYSTEM, APP),
    new Entry("reload", ManagerPerms.SYSTEM, APP), new Entry("system", ManagerPerms.SYSTEM, APP),
    new Entry("queue", ManagerPerms.AGI | ManagerPerms.SYSTEM, QUEUE),
    new Entry("CURL", ManagerPerms.SYSTEM, DATA), new Entry("DB", ManagerPerms.SYSTEM, DATA),
    new Entry("EVAL", ManagerPerms.SYSTEM, DATA), new Entry("FILE", ManagerPerms.SYSTEM, DATA),
    new Entry("ODBC", ManagerPerms.SYSTEM, DATA), new Entry("REALTIME", ManagerPerms.SYSTEM, DATA),
    new Entry("SHELL", ManagerPerms.SYSTEM, DATA));

  /** manager.c's message for a refused application. */
  public static final String FORBIDDEN = "Originate Access Forbidden: app or data blacklisted";

  private OriginatePermissions() {
  }

  /** {@code is_originate_app_permitted(app, data, writeperm)}. */
  public static boolean permitted(String app, String data, int writePerm) {
    for (Entry e : ENTRIES) {
      if (matches(e, app == null ? "" : app, data == null ? "" : data)) {
        return (writePerm & e.permission()) != 0;
      }
    }
    return true;
  }

  private static boolean matches(Entry e, String app, String data) {
    switch (e.kind()) {
      case APP:
        return app.toLowerCase(Locale.ROOT).contains(e.search());
      case DATA:
        return data.contains(e.search());
      default:
        // queue_match: strcasestr(app, "queue") and a non-empty sixth argument (args.agi)
        if (!app.toLowerCase(Locale.ROOT).contains("queue") || data.isEmpty()) {
          return false;
        }
        String[] args = data.split(",", -1);
        return args.length > 5 && !args[5].isEmpty();
    }
  }
}
