package cn.hotline12345.pbxsim.records;

import cn.hotline12345.pbxsim.conf.AsteriskConfigCheck.Problem;
import cn.hotline12345.pbxsim.conf.ConfFile;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the files that make Asterisk write its call records (cel.conf, cel_pgsql.conf, res_pgsql.conf,
 * extconfig.conf, logger.conf, modules.conf) as far as the simulator knows them: the sections and option names the
 * modules read (cel/cel_pgsql.c process_my_load_module, res/res_config_pgsql.c parse_config, main/config.c
 * extconfig, main/logger.c init_logger_chain and the [general] options, main/loader.c load_modules), so that a typo
 * fails the suite instead of silently switching the records off.
 */
public final class RecordsConfCheck {

  private static final Map<String, Set<String>> OPTIONS = Map.of(
      "cel_pgsql.conf", Set.of("hostname", "port", "dbname", "user", "password", "appname", "table", "schema",
          "show_user_defined", "usegmtime"),
      "res_pgsql.conf", Set.of("hostname", "port", "dbname", "user", "password", "appname", "socket", "dbsock",
          "requirements", "order_multi_row_results_by_initial_column"),
      "modules.conf", Set.of("autoload", "preload", "preload-require", "load", "require", "noload"));
  private static final Map<String, String> SECTION = Map.of("cel_pgsql.conf", "global", "res_pgsql.conf", "general",
      "modules.conf", "modules", "extconfig.conf", "settings");
  private static final Set<String> LOGGER_GENERAL = Set.of("dateformat", "use_callids", "appendhostname", "queue_log",
      "queue_log_to_file", "queue_log_name", "queue_log_realtime_use_gmt", "rotatestrategy", "exec_after_rotate",
      "logger_queue_limit", "show_full_filename");
  private static final Set<String> REALTIME_DRIVERS = Set.of("pgsql", "odbc", "mysql", "sqlite3", "curl", "ldap");

  private RecordsConfCheck() {
  }

  public static void check(String name, ConfFile conf, List<Problem> out) {
    if (name.equals("cel.conf")) {
      CelConf.load(conf);
      return;
    }
    if (name.equals("logger.conf")) {
      for (ConfFile.Category c : conf.categories()) {
        if (c.name().equals("general")) {
          c.entries().stream().filter(e -> !LOGGER_GENERAL.contains(e.name().toLowerCase(Locale.ROOT)))
              .forEach(e -> out.add(new Problem(name, e.line(), "unknown [general] option '" + e.name() + "'")));
        } else if (!c.name().equals("logfiles")) {
          out.add(new Problem(name, c.line(), "[" + c.name() + "]: logger.conf has only [general] and [logfiles]"));
        }
      }
      return;
    }
    String section = SECTION.get(name);
    for (ConfFile.Category c : conf.categories()) {
      if (!c.name().equals(section)) {
        out.add(new Problem(name, c.line(), "[" + c.name() + "] is not read: " + name + " has only [" + section + "]"));
        continue;
      }
      for (ConfFile.Entry e : c.entries()) {
        String key = e.name().toLowerCase(Locale.ROOT);
        if (name.equals("extconfig.conf")) {
          String driver = e.value().split(",", 2)[0].trim();
          if (!REALTIME_DRIVERS.contains(driver) || !e.value().contains(",")) {
            out.add(new Problem(name, e.line(), "'" + e.name() + "' must be driver,database[,table]: '" + e.value() + "'"));
          }
          continue;
        }
        if (!OPTIONS.get(name).contains(key)) {
          out.add(new Problem(name, e.line(), "unknown option '" + e.name() + "'"));
        } else if (key.equals("appname") && e.value().chars().anyMatch(Character::isWhitespace)) {
          out.add(new Problem(name, e.line(), "appname: whitespace not allowed"));
        } else if (key.equals("requirements") && !Set.of("warn", "createclose", "createchar").contains(e.value())) {
          out.add(new Problem(name, e.line(), "requirements: warn, createclose or createchar"));
        } else if (name.equals("modules.conf") && !key.equals("autoload") && !e.value().endsWith(".so")) {
          out.add(new Problem(name, e.line(), key + ": a module file name (name.so)"));
        }
      }
    }
  }
}
