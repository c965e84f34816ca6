package cn.hotline12345.pbxsim.ami;

import java.util.ArrayList;
import java.util.List;

/**
 * A session's include and exclude filters and {@code should_send_event} of {@code main/manager.c} (branch 22):
 *
 * <pre>
 * if (!ao2_container_count(includefilters) &amp;&amp; !ao2_container_count(excludefilters)) {
 *     return 1; // no filtering means match all
 * } else if (ao2_container_count(includefilters) &amp;&amp; !ao2_container_count(excludefilters)) {
 *     // include filters only: implied exclude all filter processed first, then include filters
 * } else if (!ao2_container_count(includefilters) &amp;&amp; ao2_container_count(excludefilters)) {
 *     // exclude filters only: implied include all filter processed first, then exclude filters
 *     return !result;
 * } else {
 *     // include and exclude filters: implied exclude all filter processed first, then include filters, and lastly
 *     // exclude filters
 * }
 * </pre>
 *
 * So once one include filter exists, an event that no include filter names is dropped, FullyBooted and Shutdown
 * included; an exclude filter can only remove what an include let through.
 */
public final class EventFilters {
  private final List<EventFilter> include = new ArrayList<>();
  private final List<EventFilter> exclude = new ArrayList<>();

  public EventFilters() {
  }

  EventFilters(EventFilters other) {
    include.addAll(other.include);
    exclude.addAll(other.exclude);
  }

  void add(EventFilter f) {
    (f.exclude ? exclude : include).add(f);
  }

  public List<EventFilter> includes() {
    return List.copyOf(include);
  }

  public List<EventFilter> excludes() {
    return List.copyOf(exclude);
  }

  public boolean isEmpty() {
    return include.isEmpty() && exclude.isEmpty();
  }

  /** Whether some filter tests the whole serialised event (then the caller must supply its text). */
  boolean needsText() {
    for (EventFilter f : include) {
      if (f.needsText()) {
        return true;
      }
    }
    for (EventFilter f : exclude) {
      if (f.needsText()) {
        return true;
      }
    }
    return false;
  }

  /** {@code should_send_event}; {@code text} is the event as sent (only read when {@link #needsText()}). */
  public boolean shouldSend(AmiMessage m, String text) {
    if (include.isEmpty() && exclude.isEmpty()) {
      return true;
    }
    if (!include.isEmpty() && !any(include, m, text)) {
      return false;
    }
    return exclude.isEmpty() || !any(exclude, m, text);
  }

  private static boolean any(List<EventFilter> list, AmiMessage m, String text) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).matches(m, text)) {
        return true;
      }
    }
    return false;
  }
}
