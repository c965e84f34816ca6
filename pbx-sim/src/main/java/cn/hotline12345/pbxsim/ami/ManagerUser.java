package cn.hotline12345.pbxsim.ami;

import java.util.List;
import java.util.Locale;

/**
 * One manager user of manager.conf, as {@code __init_manager} (main/manager.c, branch 22) builds it: read and write
 * default to nothing ({@code user->readperm = 0; user->writeperm = 0;}), {@code writetimeout} to 100 ms (a value
 * below 100 is refused with a warning), and a bad {@code permit}/{@code deny} deletes the user ("Invalid ACL '%s' for
 * manager user '%s' on line %d. Deleting user"). A user without {@code secret} can never log in: authenticate()
 * accepts a password only {@code else if (user->secret)} and an MD5 key only with a secret.
 */
public final class ManagerUser {
  private final String name;
  private final String secret;
  private final int readPerm;
  private final int writePerm;
  private final ManagerAcl acl;
  private final EventFilters filters;
  private final int writeTimeoutMs;
  private final boolean displayConnects;
  private final boolean allowMultipleLogin;

  private ManagerUser(String name, String secret, int readPerm, int writePerm, ManagerAcl acl, EventFilters filters,
      int writeTimeoutMs, boolean displayConnects, boolean allowMultipleLogin) {
    this.name = name;
    this.secret = secret;
    this.readPerm = readPerm;
    this.writePerm = writePerm;
    this.acl = acl;
    this.filters = filters;
    this.writeTimeoutMs = writeTimeoutMs;
    this.displayConnects = displayConnects;
    this.allowMultipleLogin = allowMultipleLogin;
  }

  public String name() {
    return name;
  }

  /** Null when the section has no {@code secret}. */
  public String secret() {
    return secret;
  }

  public int readPerm() {
    return readPerm;
  }

  public int writePerm() {
    return writePerm;
  }

  /** Null when the section has no permit/deny (then every address may log in). */
  public ManagerAcl acl() {
    return acl;
  }

  public EventFilters filters() {
    return filters;
  }

  public int writeTimeoutMs() {
    return writeTimeoutMs;
  }

  public boolean displayConnects() {
    return displayConnects;
  }

  public boolean allowMultipleLogin() {
    return allowMultipleLogin;
  }

  ManagerUser withSecret(String s) {
    return new ManagerUser(name, s, readPerm, writePerm, acl, filters, writeTimeoutMs, displayConnects,
        allowMultipleLogin);
  }

  static final class Builder {
    private final String name;
    private String secret;
    private int readPerm;
    private int writePerm;
    private ManagerAcl acl;
    private EventFilters filters = new EventFilters();
    private int writeTimeoutMs = 100;
    private boolean displayConnects;
    private boolean allowMultipleLogin;
    private boolean keep = true;

    Builder(String name, boolean displayConnects, boolean allowMultipleLogin) {
      this.name = name;
      this.displayConnects = displayConnects;
      this.allowMultipleLogin = allowMultipleLogin;
    }

    void resetForReload() {
      filters = new EventFilters();
      acl = null;
      keep = true;
    }

    boolean keep() {
      return keep;
    }

    void set(String key, String value, int lineno, List<String> warnings) {
      String k = key.toLowerCase(Locale.ROOT);
      switch (k) {
        case "secret" -> secret = value;
        case "deny", "permit", "acl" -> {
          if (acl == null) {
            acl = new ManagerAcl();
          }
          String err = acl.append(k, value);
          if (err != null) {
            ManagerConf.warn(warnings, "Invalid ACL '%s' for manager user '%s' on line %d. Deleting user (%s)",
                value, name, lineno, err);
            keep = false;
          }
        }
        case "read" -> readPerm = ManagerPerms.getPerm(value);
        case "write" -> writePerm = ManagerPerms.getPerm(value);
        case "displayconnects" -> displayConnects = ManagerPerms.isTrue(value);
        case "allowmultiplelogin" -> allowMultipleLogin = ManagerPerms.isTrue(value);
        case "writetimeout" -> {
          int v = ManagerConf.atoi(value);
          if (v < 100) {
            ManagerConf.warn(warnings, "Invalid writetimeout value '%s' at line %d", value, lineno);
          } else {
            writeTimeoutMs = v;
          }
        }
        case "setvar" -> { } // channel variables of originated calls: not simulated
        default -> {
          if (key.startsWith("eventfilter")) {
            // ast_begins_with(var->name, "eventfilter"): case-sensitive
            EventFilter.Parsed p = EventFilter.parse(key, value);
            if (p.result() == EventFilter.Result.SUCCESS) {
              filters.add(p.filter());
            } else {
              ManagerConf.warn(warnings, "line %d: %s (%s): filter ignored", lineno, p.message(), p.result());
            }
          }
          // else: ast_debug(1, "%s is an unknown option.\n", var->name): silently ignored
        }
      }
    }

    ManagerUser build() {
      return new ManagerUser(name, secret, readPerm, writePerm, acl, new EventFilters(filters), writeTimeoutMs,
          displayConnects, allowMultipleLogin);
    }
  }
}
