package cn.hotline12345.pbxsim.dialplan;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The dialplan applications the simulator runs, by their registered names (Asterisk finds applications
 * case-insensitively: {@code pbx_findapp} uses {@code strcasecmp}). A dialplan naming any other application does
 * not load: a simulator that skipped it would pretend to run what it cannot.
 */
public final class Applications {
  private Applications() {
  }

  private static final Map<String, String> BY_LOWER = new TreeMap<>();

  static {
    for (String app : List.of("Answer", "AGI", "Dial", "Goto", "GotoIf", "Hangup", "MixMonitor", "MusicOnHold",
        "NoOp", "Playback", "Queue", "SendDTMF", "Set", "Verbose", "Wait", "Ringing", "Progress", "Busy",
        "Congestion")) {
      BY_LOWER.put(app.toLowerCase(Locale.ROOT), app);
    }
  }

  /** The registered name of {@code app}, if the simulator implements it. */
  public static Optional<String> canonical(String app) {
    return Optional.ofNullable(BY_LOWER.get(app.toLowerCase(Locale.ROOT)));
  }

  public static java.util.Collection<String> all() {
    return BY_LOWER.values();
  }
}
