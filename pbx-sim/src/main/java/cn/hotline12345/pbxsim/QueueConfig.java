package cn.hotline12345.pbxsim;

import java.util.List;

/**
 * A queue as queues.conf declares it ({@link cn.hotline12345.pbxsim.conf.QueuesConf} reads the file).
 *
 * @param name        queue name
 * @param strategy    ring strategy
 * @param timeoutSec  how long one member rings before the next attempt
 * @param retrySec    pause after a ring round failed
 * @param wrapupSec   rest time of a member after a call
 * @param members     static members ({@code member =>} lines)
 * @param options     the other queues.conf settings; null = keep those the queue already has (a queue defined by the
 *                    shipped queues.conf keeps its file's settings when a test redefines its members and timing)
 */
public record QueueConfig(String name, Strategy strategy, int timeoutSec, int retrySec, int wrapupSec,
    List<Member> members, Options options) {
  /** A static member: interface, display name, penalty, state interface. */
  public record Member(String iface, String name, int penalty, String stateInterface) {
    public static Member of(String iface, String name) {
      return new Member(iface, name, 0, stateOf(iface));
    }

    static String stateOf(String iface) {
      return iface.endsWith("/n") ? iface.substring(0, iface.length() - 2) : iface;
    }
  }

  /**
   * The queues.conf settings beyond strategy and timing that the simulator acts on (app_queue's defaults in
   * {@link #ASTERISK_DEFAULTS}).
   *
   * @param ringinuse        ring a member whose phone is already in use
   * @param setinterfacevar  set MEMBERINTERFACE, MEMBERNAME, ... on connect
   * @param setqueueentryvar set QEHOLDTIME, QEORIGINALPOS on connect
   * @param setqueuevar      set QUEUENAME, QUEUEMAX, QUEUESTRATEGY, ... (app_queue's set_queue_variables)
   * @param servicelevel     seconds, shown in QueueParams
   * @param maxlen           0 = unlimited
   * @param context          exit context of a waiting caller pressing one digit ("" = none)
   * @param musicclass       music on hold class of waiting callers
   */
  public record Options(boolean ringinuse, boolean setinterfacevar, boolean setqueueentryvar, boolean setqueuevar,
      int servicelevel, int maxlen, String context, String musicclass) {
    public Options {
      context = context == null ? "" : context;
      musicclass = musicclass == null || musicclass.isBlank() ? "default" : musicclass;
    }
  }

  /** app_queue.c's defaults (init_queue): ringinuse yes, no channel variables, servicelevel 0, unlimited. */
  public static final Options ASTERISK_DEFAULTS = new Options(true, false, false, false, 0, 0, "", "default");

  public QueueConfig {
    members = members == null ? List.of() : List.copyOf(members);
    strategy = strategy == null ? Strategy.RRMEMORY : strategy;
  }

  public QueueConfig(String name, Strategy strategy, int timeoutSec, int retrySec, int wrapupSec, List<Member> members) {
    this(name, strategy, timeoutSec, retrySec, wrapupSec, members, null);
  }

  public static QueueConfig of(String name, Strategy strategy, Member... members) {
    return new QueueConfig(name, strategy, 15, 1, 0, List.of(members), null);
  }

  public QueueConfig timing(int timeoutSec, int retrySec, int wrapupSec) {
    return new QueueConfig(name, strategy, timeoutSec, retrySec, wrapupSec, members, options);
  }

  public QueueConfig withOptions(Options o) {
    return new QueueConfig(name, strategy, timeoutSec, retrySec, wrapupSec, members, o);
  }

  /**
   * The queue of the captures' queues.conf, read from that file.
   *
   * @deprecated read the file: {@code QueuesConf.captures()}.
   */
  @Deprecated
  public static QueueConfig capturesHotline() {
    return cn.hotline12345.pbxsim.conf.QueuesConf.captures().queues().stream()
        .filter(q -> q.name().equals("hotline")).findFirst().orElseThrow();
  }
}
