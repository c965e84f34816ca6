package cn.hotline12345.pbxsim.dialplan;

import cn.hotline12345.pbxsim.conf.ConfException;
import cn.hotline12345.pbxsim.conf.ConfFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * Loads an extensions.conf into a {@link Dialplan} the way pbx/pbx_config.c ({@code pbx_load_config}, branch 22)
 * does: {@code [general]} and {@code [globals]} are not contexts; every other category is; {@code exten =>
 * pattern,priority(label),App(data)}, {@code same => n(label),App(data)}, priorities {@code n}, {@code s},
 * numbers and {@code +N}, {@code hint}; {@code include => context}. The application is the text before the first
 * {@code (}, its data runs to the last {@code )}; without parentheses the data is empty.
 *
 * <p>Stricter than Asterisk where Asterisk would only log a warning and run a dialplan different from the file
 * (a dropped line, an unknown application that fails at run time): every such line fails loading with its file
 * and line, and so does any application, function or expression operator the simulator does not implement.
 *
 * <p>Globals: {@code [globals]} is read as written; a deployment edits {@code AGIHOST} and {@code HOTLINE_PBX}
 * there. The simulator does the same at start ({@link Dialplan#withGlobal}): {@code AGIHOST} becomes its FastAGI
 * target ({@code PbxSim.Builder#agiTarget}) and {@code HOTLINE_PBX} its {@code pbxId} (empty when none is given).
 */
public final class ExtensionsConf {
  /** Class-path location of the shipped docker/asterisk files, copied into the jar at build time. */
  public static final String SHIPPED_DIR = "/pbxsim/docker-asterisk/";
  /** Class-path location of the captures' etc/ files (a real Asterisk 22 loaded them). */
  public static final String CAPTURES_DIR = "/asterisk-22/etc/";

  private ExtensionsConf() {
  }

  /** The shipped {@code docker/asterisk/extensions.conf}. */
  public static Dialplan shipped() {
    return load(ConfFile.resource(SHIPPED_DIR + "extensions.conf"));
  }

  /** The captures' {@code etc/extensions.conf}. */
  public static Dialplan captures() {
    return load(ConfFile.resource(CAPTURES_DIR + "extensions.conf"));
  }

  public static Dialplan read(Path file) {
    return load(ConfFile.read(file));
  }

  public static Dialplan parse(String source, String text) {
    return load(ConfFile.parse(source, text));
  }

  private static final Set<String> GENERAL_KEYS = Set.of("static", "writeprotect", "autofallthrough",
      "clearglobalvars", "extenpatternmatchnew", "userscontext", "overrideswitch");

  public static Dialplan load(ConfFile conf) {
    String src = conf.source();
    Map<String, String> globals = new LinkedHashMap<>();
    for (ConfFile.Category c : conf.categories()) {
      if (c.name().equalsIgnoreCase("general")) {
        for (ConfFile.Entry e : c.entries()) {
          if (!GENERAL_KEYS.contains(e.name().toLowerCase(Locale.ROOT))) {
            throw new ConfException(src, e.line(), "unknown [general] option '" + e.name() + "'");
          }
          if (e.name().equalsIgnoreCase("autofallthrough") && !isTrue(e.value())) {
            throw new ConfException(src, e.line(), "autofallthrough=no is not implemented by the simulator");
          }
        }
      } else if (c.name().equalsIgnoreCase("globals")) {
        for (ConfFile.Entry e : c.entries()) {
          Map<String, String> snapshot = Map.copyOf(globals);
          globals.put(e.name(), Template.parse(e.value(), src, e.line()).expand(n -> snapshot.getOrDefault(n, "")));
        }
      }
    }
    Map<String, List<Dialplan.Extension>> exts = new LinkedHashMap<>();
    Map<String, List<String>> includes = new LinkedHashMap<>();
    Map<String, Integer> includeLines = new LinkedHashMap<>();
    for (ConfFile.Category c : conf.categories()) {
      String ctx = c.name();
      if (ctx.equalsIgnoreCase("general") || ctx.equalsIgnoreCase("globals")) {
        continue;
      }
      if (c.template()) {
        throw new ConfException(src, c.line(), "context templates are not implemented by the simulator: [" + ctx + "](!)");
      }
      List<Dialplan.Extension> list = exts.computeIfAbsent(ctx, k -> new ArrayList<>());
      List<String> inc = includes.computeIfAbsent(ctx, k -> new ArrayList<>());
      String lastExten = null;
      int lastPri = -2;
      for (ConfFile.Entry e : c.entries()) {
        String key = e.name().toLowerCase(Locale.ROOT);
        int line = e.line();
        switch (key) {
          case "exten", "same" -> {
            String rest = e.value();
            String exten;
            if (key.equals("same")) {
              if (lastExten == null) {
                throw new ConfException(src, line, "No previous pattern in the first entry of context '" + ctx
                    + "' to match 'same' at line " + line + " of " + src + "!");
              }
              exten = lastExten;
            } else {
              int comma = commaOutsideBrackets(rest);
              if (comma < 0) {
                throw new ConfException(src, line, "exten without priority at line " + line + " of " + src);
              }
              exten = rest.substring(0, comma).strip();
              rest = rest.substring(comma + 1);
              if (exten.contains("${")) {
                exten = Template.parse(exten, src, line).expand(n -> globals.getOrDefault(n, ""));
              }
              if (exten.isEmpty()) {
                throw new ConfException(src, line, "empty extension at line " + line + " of " + src);
              }
              if (exten.contains("/")) {
                throw new ConfException(src, line, "caller id matching (" + exten + ") is not implemented by the simulator");
              }
              // pbx_config.c resets lastpri per context, not per extension
              lastExten = exten;
            }
            int comma = rest.indexOf(',');
            String pri = (comma < 0 ? rest : rest.substring(0, comma)).strip();
            String appl = comma < 0 ? "" : rest.substring(comma + 1);
            String label = null;
            int lp = pri.indexOf('(');
            if (lp >= 0) {
              int rp = pri.indexOf(')', lp);
              if (rp < 0) {
                throw new ConfException(src, line, "Label missing trailing ')' at line " + line + " of " + src);
              }
              label = pri.substring(lp + 1, rp);
              pri = pri.substring(0, lp);
            }
            int plus = 0;
            int pl = pri.indexOf('+');
            if (pl >= 0) {
              try {
                plus = Integer.parseInt(pri.substring(pl + 1).strip());
              } catch (NumberFormatException ex) {
                plus = 0;
              }
              pri = pri.substring(0, pl);
            }
            int ipri;
            if (pri.equals("hint")) {
              throw new ConfException(src, line, "hints are not implemented by the simulator (device state comes from its own phones)");
            } else if (pri.equals("n") || pri.equals("next")) {
              if (lastPri <= -2) {
                throw new ConfException(src, line, "Can't use 'next' priority on the first entry at line " + line + " of " + src + "!");
              }
              ipri = lastPri + 1;
            } else if (pri.equals("s") || pri.equals("same")) {
              if (lastPri <= -2) {
                throw new ConfException(src, line, "Can't use 'same' priority on the first entry at line " + line + " of " + src + "!");
              }
              ipri = lastPri;
            } else {
              try {
                ipri = Integer.parseInt(pri);
              } catch (NumberFormatException ex) {
                throw new ConfException(src, line, "Invalid priority/label '" + pri + "' at line " + line + " of " + src);
              }
              if (ipri < 1) {
                throw new ConfException(src, line, "Invalid priority '" + pri + "' at line " + line + " of " + src);
              }
            }
            ipri += plus;
            lastPri = ipri;
            String app;
            String data;
            int open = appl.indexOf('(');
            if (open < 0) {
              app = appl.strip();
              data = "";
            } else {
              app = appl.substring(0, open).strip();
              data = appl.substring(open + 1);
              int close = data.lastIndexOf(')');
              if (close < 0) {
                // pbx_config.c warns "No closing parenthesis found?" and keeps the data; we refuse
                throw new ConfException(src, line, "No closing parenthesis found? '" + app + "(" + data + "' at line "
                    + line + " of " + src);
              }
              data = data.substring(0, close);
            }
            if (app.isEmpty()) {
              throw new ConfException(src, line, "no application at line " + line + " of " + src);
            }
            String canonical = Applications.canonical(app).orElseThrow(() -> new ConfException(src, line,
                "application '" + app + "' is not implemented by the simulator (it runs "
                    + String.join(", ", new java.util.TreeSet<>(Applications.all())) + ")"));
            if (canonical.equals("Set")) {
              checkSet(src, line, data);
            }
            Step step = new Step(ipri, label, canonical, Template.parse(data, src, line), src, line);
            Dialplan.Extension ext = extension(list, ctx, exten);
            if (ext.priorities().containsKey(ipri)) {
              throw new ConfException(src, line, "Unable to register extension '" + exten + "' priority " + ipri
                  + " in '" + ctx + "', already in use (line " + line + " of " + src + ")");
            }
            if (label != null && ext.priorityOf(label) > 0) {
              throw new ConfException(src, line, "Duplicate label '" + label + "' in extension '" + exten + "' of '"
                  + ctx + "' at line " + line + " of " + src);
            }
            ext.priorities().put(ipri, step);
          }
          case "include" -> {
            String target = e.value().strip();
            if (target.contains(",") || target.contains("|")) {
              throw new ConfException(src, line, "time-limited includes are not implemented by the simulator: " + target);
            }
            inc.add(target);
            includeLines.put(ctx + "\u0000" + target, line);
          }
          case "ignorepat" -> {
            // only affects overlap dialling on phones; simulated calls dial whole numbers
          }
          default -> throw new ConfException(src, line, "Unknown directive: " + e.name() + " at line " + line + " of " + src);
        }
      }
    }
    Map<String, Dialplan.Context> contexts = new LinkedHashMap<>();
    for (Map.Entry<String, List<Dialplan.Extension>> en : exts.entrySet()) {
      List<Dialplan.Extension> sorted = new ArrayList<>(en.getValue());
      for (Dialplan.Extension x : sorted) {
        checkFlow(src, en.getKey(), x);
      }
      sorted.sort((a, b) -> Patterns.compare(a.pattern(), b.pattern()));
      contexts.put(en.getKey(), new Dialplan.Context(en.getKey(), List.copyOf(sorted),
          List.copyOf(includes.get(en.getKey()))));
    }
    for (Dialplan.Context c : contexts.values()) {
      for (String inc : c.includes()) {
        if (!contexts.containsKey(inc)) {
          throw new ConfException(src, includeLines.get(c.name() + "\u0000" + inc), "Context '" + c.name()
              + "' includes nonexistent context '" + inc + "'");
        }
      }
    }
    return new Dialplan(src, Collections.unmodifiableMap(contexts), Collections.unmodifiableMap(globals));
  }

  /** Set(name=value): a function on the left must be one the simulator can write. */
  private static void checkSet(String src, int line, String data) {
    int eq = data.indexOf('=');
    if (eq <= 0) {
      // pbx_builtin_setvar: "Set requires an '=' to be a valid assignment"
      throw new ConfException(src, line, "Set requires an '=' to be a valid assignment (" + data + ")");
    }
    String name = data.substring(0, eq).strip();
    if (name.contains("(") && !name.equals("CALLERID(num)") && !name.equals("CALLERID(name)")) {
      throw new ConfException(src, line, "writing " + name + " is not implemented by the simulator (it writes "
          + "CALLERID(num) and CALLERID(name))");
    }
  }

  /** Goto/GotoIf targets that are plain labels must exist in the same extension (Asterisk fails at run time). */
  private static void checkFlow(String src, String ctx, Dialplan.Extension x) {
    for (Step s : x.priorities().values()) {
      if (!s.app().equals("GotoIf") && !s.app().equals("Goto")) {
        continue;
      }
      String d = s.data().text();
      List<String> targets = new ArrayList<>();
      if (s.app().equals("GotoIf")) {
        int q = d.indexOf('?');
        if (q < 0) {
          throw new ConfException(src, s.line(), "GotoIf requires an argument (condition?label1:label2)");
        }
        for (String t : d.substring(q + 1).split(":", -1)) {
          targets.add(t);
        }
      } else {
        targets.add(d);
      }
      for (String t : targets) {
        String label = t.strip();
        if (label.isEmpty() || label.contains("${") || label.contains(",")) {
          continue;
        }
        if (!label.matches("\\d+") && x.priorityOf(label) < 0) {
          throw new ConfException(src, s.line(), "Priority '" + label + "' must be a number > 0, or valid label, in "
              + ctx + "," + x.pattern() + " (no such label)");
        }
      }
    }
  }

  private static Dialplan.Extension extension(List<Dialplan.Extension> list, String ctx, String pattern) {
    for (Dialplan.Extension e : list) {
      if (e.pattern().equals(pattern)) {
        return e;
      }
    }
    NavigableMap<Integer, Step> p = Dialplan.newPriorities();
    Dialplan.Extension e = new Dialplan.Extension(ctx, pattern, p);
    list.add(e);
    return e;
  }

  /** pbx_strsep(): the first comma outside square brackets. */
  private static int commaOutsideBrackets(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && depth > 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isTrue(String v) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    return s.equals("yes") || s.equals("true") || s.equals("y") || s.equals("t") || s.equals("1") || s.equals("on");
  }
}
