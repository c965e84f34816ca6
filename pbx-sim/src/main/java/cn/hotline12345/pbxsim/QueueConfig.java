package cn.hotline12345.pbxsim;

import java.util.List;

/**
 * A queue as queues.conf would declare it.
 *
 * @param name        queue name
 * @param strategy    ring strategy
 * @param timeoutSec  how long one member rings before the next attempt
 * @param retrySec    pause after a ring round failed
 * @param wrapupSec   rest time of a member after a call
 * @param members     static members
 */
public record QueueConfig(String name, Strategy strategy, int timeoutSec, int retrySec, int wrapupSec,
    List<Member> members) {
  /** A static member: interface, display name, penalty, state interface. */
  public record Member(String iface, String name, int penalty, String stateInterface) {
    public static Member of(String iface, String name) {
      return new Member(iface, name, 0, stateOf(iface));
    }

    static String stateOf(String iface) {
      return iface.endsWith("/n") ? iface.substring(0, iface.length() - 2) : iface;
    }
  }

  public QueueConfig {
    members = members == null ? List.of() : List.copyOf(members);
    strategy = strategy == null ? Strategy.RRMEMORY : strategy;
  }

  public static QueueConfig of(String name, Strategy strategy, Member... members) {
    return new QueueConfig(name, strategy, 15, 1, 0, List.of(members));
  }

  public QueueConfig timing(int timeoutSec, int retrySec, int wrapupSec) {
    return new QueueConfig(name, strategy, timeoutSec, retrySec, wrapupSec, members);
  }

  /** The queue of the captures' queues.conf: rrmemory, timeout 10, retry 1, wrap-up 1, agents 1001 and 1002. */
  public static QueueConfig capturesHotline() {
    return new QueueConfig("hotline", Strategy.RRMEMORY, 10, 1, 1, List.of(
        Member.of("Local/1001@agents/n", "Agent 1001"), Member.of("Local/1002@agents/n", "Agent 1002")));
  }
}
