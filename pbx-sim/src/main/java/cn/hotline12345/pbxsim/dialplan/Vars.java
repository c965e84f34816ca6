package cn.hotline12345.pbxsim.dialplan;

/**
 * What a running dialplan reads on its channel: channel variables, builtins ({@code EXTEN}, {@code UNIQUEID},
 * {@code CONTEXT}, ...), then globals, and the channel functions the simulator implements.
 */
@FunctionalInterface
public interface Vars {
  /** The value of a variable, or "" when unset. */
  String get(String name);

  /**
   * A channel function such as {@code CALLERID(num)}: {@code name} is {@code CALLERID}, {@code args} {@code num}.
   * The default reads the variable spelled {@code NAME(args)}, which is how the engine answers CALLERID.
   */
  default String function(String name, String args) {
    return get(name + "(" + args + ")");
  }

  /** Expands {@code ${...}} and {@code $[...]} in {@code text} as the dialplan would (tests, scenarios). */
  default String expand(String text) {
    return Template.parse(text, "expand", 0).expand(this);
  }
}
