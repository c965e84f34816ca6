package cn.hotline12345.pbxsim.dialplan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable dialplan loaded from an extensions.conf ({@link ExtensionsConf}): contexts of extensions, each a
 * literal or an Asterisk pattern, with their priorities; {@code include =>} lists; globals.
 *
 * <p>Lookup follows main/pbx.c on branch 22: inside a context the extensions are ordered by {@code ext_cmp()}
 * (literal extensions first, then patterns from the most to the least specific: a literal character, then
 * {@code N} (8 digits), {@code Z} (9), {@code X} (10), sets by size, {@code .}, {@code !}) and the first that
 * matches wins; then the included contexts, in order, depth first.
 */
public final class Dialplan {
  private final String source;
  private final Map<String, Context> contexts;
  private final Map<String, String> globals;

  Dialplan(String source, Map<String, Context> contexts, Map<String, String> globals) {
    this.source = source;
    this.contexts = contexts;
    this.globals = globals;
  }

  /** A {@code [context]}: its extensions in Asterisk's match order and its includes. */
  public record Context(String name, List<Extension> extensions, List<String> includes) {
  }

  /** An extension pattern and its priorities. */
  public record Extension(String context, String pattern, NavigableMap<Integer, Step> priorities) {
    public boolean matches(String exten) {
      return Patterns.matches(pattern, exten);
    }

    public Optional<Step> step(int priority) {
      return Optional.ofNullable(priorities.get(priority));
    }

    /** The priority carrying {@code label}, or -1. */
    public int priorityOf(String label) {
      for (Step s : priorities.values()) {
        if (label.equals(s.label())) {
          return s.priority();
        }
      }
      return -1;
    }

    /** Steps in priority order. */
    public List<Step> steps() {
      return new ArrayList<>(priorities.values());
    }
  }

  /** The file this dialplan was loaded from. */
  public String source() {
    return source;
  }

  public Set<String> contextNames() {
    return Collections.unmodifiableSet(contexts.keySet());
  }

  public Optional<Context> context(String name) {
    return Optional.ofNullable(contexts.get(name));
  }

  /** The extension {@code exten} reaches in {@code context} (own extensions, then includes). */
  public Optional<Extension> find(String context, String exten) {
    if (context == null || exten == null) {
      return Optional.empty();
    }
    return find(context, exten, new HashSet<>());
  }

  private Optional<Extension> find(String context, String exten, Set<String> seen) {
    Context c = contexts.get(context);
    if (c == null || !seen.add(context)) {
      return Optional.empty();
    }
    for (Extension e : c.extensions()) {
      if (e.matches(exten)) {
        return Optional.of(e);
      }
    }
    for (String inc : c.includes()) {
      Optional<Extension> e = find(inc, exten, seen);
      if (e.isPresent()) {
        return e;
      }
    }
    return Optional.empty();
  }

  /** True when {@code context} has an extension for {@code exten} at {@code priority} (Redirect, Originate). */
  public boolean exists(String context, String exten, int priority) {
    return find(context, exten).flatMap(e -> e.step(priority)).isPresent();
  }

  public Map<String, String> globals() {
    return globals;
  }

  /**
   * A copy with one global changed, as a deployment edits {@code [globals]} (the simulator sets {@code AGIHOST}
   * to its FastAGI target and {@code HOTLINE_PBX} to its id).
   */
  public Dialplan withGlobal(String name, String value) {
    Map<String, String> g = new LinkedHashMap<>(globals);
    g.put(name, value);
    return new Dialplan(source, contexts, Collections.unmodifiableMap(g));
  }

  /**
   * The shipped {@code docker/asterisk/extensions.conf}, bundled into the jar at build time.
   *
   * @deprecated the Java-built copy is gone; this is {@link ExtensionsConf#shipped()}, kept so callers compile.
   */
  @Deprecated
  public static Dialplan hotline() {
    return ExtensionsConf.shipped();
  }

  /**
   * The captures' {@code etc/extensions.conf} (fixtures of a real Asterisk 22), bundled into the jar.
   *
   * @deprecated this is {@link ExtensionsConf#captures()}.
   */
  @Deprecated
  public static Dialplan captures() {
    return ExtensionsConf.captures();
  }

  static NavigableMap<Integer, Step> newPriorities() {
    return new TreeMap<>();
  }
}
