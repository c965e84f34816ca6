package cn.hotline12345.pbxsim.engine;

import io.vertx.core.net.NetClient;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Public entry to start a FastAGI session for a channel (the session class stays package-private). */
public final class AgiLaunch {
  private AgiLaunch() {
  }

  public static void launch(Engine e, NetClient client, Channel ch, String url, Consumer<String> done,
      LongSupplier replyDelayMs) {
    FastAgiSession.launch(e, client, ch, url, done, replyDelayMs);
  }
}
