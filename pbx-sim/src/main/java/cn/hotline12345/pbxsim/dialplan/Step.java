package cn.hotline12345.pbxsim.dialplan;

import java.util.function.Function;

/**
 * One priority of an extension: an optional label, the application and its data, computed from the
 * channel's variables at the moment the step runs (that computed text is the Newexten AppData).
 */
public record Step(String label, String app, Function<Vars, String> data) {
  public static Step of(String app, String template) {
    return new Step(null, app, v -> v.expand(template));
  }
}
