package cn.hotline12345.pbxsim.engine;

import java.util.ArrayList;
import java.util.List;

/** A basic two-party bridge (Asterisk's simple_bridge). */
final class Bridge {
  final String id;
  final List<Channel> members = new ArrayList<>(2);

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
