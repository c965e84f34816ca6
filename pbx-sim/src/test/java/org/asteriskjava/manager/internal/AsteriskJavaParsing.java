package org.asteriskjava.manager.internal;

import org.asteriskjava.manager.event.ManagerEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper living in asterisk-java's package so that it can use asterisk-java's own event
 * builder (package-private) exactly as its ManagerReaderImpl does: lower-cased keys, reflection
 * onto the event classes.
 */
public final class AsteriskJavaParsing {
  private final EventBuilderImpl builder = new EventBuilderImpl();

  /** Builds the asterisk-java event for one message (header name/value pairs), or null if unknown. */
  public ManagerEvent build(List<String[]> headers) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (String[] kv : headers) {
      map.putIfAbsent(kv[0].toLowerCase(java.util.Locale.ROOT), kv[1]);
    }
    return builder.buildEvent(this, map);
  }
}
