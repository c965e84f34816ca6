package cn.hotline12345.pbxsim.engine;

import cn.hotline12345.pbxsim.CallerSpec;

import java.util.ArrayDeque;

/** The behaviour of a simulated caller on an inbound channel: digits per prompt and patience. */
final class CallerScript {
  final CallerSpec spec;
  final ArrayDeque<String> digitGroups = new ArrayDeque<>();
  long patienceTimer = -1;

  CallerScript(CallerSpec spec) {
    this.spec = spec;
    for (String g : spec.digits().split(",")) {
      if (!g.isEmpty()) {
        digitGroups.add(g);
      }
    }
  }
}
