package cn.hotline12345.pbxsim.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A basic bridge (Asterisk's simple_bridge technology). {@code generic} bridges are run by {@link Bridging}
 * (Dial, the Bridge action, transfers); the others by app_queue ({@link QueueManager}).
 */
final class Bridge {
  final String id;
  final List<Channel> members = new ArrayList<>(2);
  boolean generic;
  boolean dissolved;

  Bridge(String id) {
    this.id = id;
  }

  Channel other(Channel c) {
    for (Channel m : members) {
      if (m != c) {
        return m;
      }
    }
    return null;
  }
}
