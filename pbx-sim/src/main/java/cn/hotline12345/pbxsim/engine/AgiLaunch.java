package cn.hotline12345.pbxsim.engine;

import io.vertx.core.net.NetClient;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.LongSupplier;

/** Public entry to start a FastAGI session for a channel (the session class stays package-private). */
public final class AgiLaunch {
  private AgiLaunch() {
  }

  public static void launch(Engine e, NetClient client, Channel ch, String url, Consumer<String> done,
      LongSupplier replyDelayMs) {
    FastAgiSession.launch(e, client, ch, url, done, replyDelayMs, null);
  }

  /** As above; {@code soundExists} says which sound files the simulated Asterisk has (null: all). */
  public static void launch(Engine e, NetClient client, Channel ch, String url, Consumer<String> done,
      LongSupplier replyDelayMs, Predicate<String> soundExists) {
    FastAgiSession.launch(e, client, ch, url, done, replyDelayMs, soundExists);
  }

  /** The sound names in a folder laid out like Asterisk's {@code sounds/<language>} (file I/O: not on a loop). */
  public static Set<String> soundsIn(Path dir) throws IOException {
    return FastAgiSession.soundsIn(dir);
  }
}
