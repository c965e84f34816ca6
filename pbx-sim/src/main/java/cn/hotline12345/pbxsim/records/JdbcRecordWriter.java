package cn.hotline12345.pbxsim.records;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes {@link AsteriskRecords} rows into PostgreSQL over JDBC, as Asterisk does: its own connection, logged in as
 * the given role, with {@code application_name} = the PBX id (cel_pgsql.conf and res_pgsql.conf {@code appname}),
 * so the tables' {@code pbx_id} default names the PBX; INSERTs naming exactly Asterisk's columns, times in UTC.
 *
 * <p>One thread of its own (the simulator's event loop never does JDBC): rows are queued, then inserted in batches
 * in arrival order. Like cel_pgsql, which logs "Failed to insert call detail record into database!" and goes on, a
 * batch the database refuses is lost and counted ({@link #dropped()}); the connection is opened again for the next.
 */
public final class JdbcRecordWriter implements Consumer<AsteriskRecords.Row>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcRecordWriter.class);
  /** cel_pgsql: every column it knows by name (id and pbx_id take their defaults). */
  static final String CEL_INSERT = "insert into asterisk.cel (eventtype, eventtime, userdeftype, cid_name, cid_num, "
      + "cid_ani, cid_rdnis, cid_dnid, exten, context, channame, appname, appdata, amaflags, accountcode, peeraccount, "
      + "uniqueid, linkedid, userfield, peer, extra) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  /** main/logger.c ast_queue_log, adaptive realtime: time, callid, queuename, agent, event, data1..data5. */
  static final String QUEUE_LOG_INSERT = "insert into asterisk.queue_log (time, callid, queuename, agent, event, "
      + "data1, data2, data3, data4, data5) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final Object STOP = new Object();

  private final String url;
  private final Properties props = new Properties();
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(200_000);
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;
  private Connection connection;

  /** @param applicationName the PBX id the rows are written for */
  public JdbcRecordWriter(String jdbcUrl, String user, String password, String applicationName) {
    this.url = jdbcUrl;
    props.setProperty("user", user);
    props.setProperty("password", password == null ? "" : password);
    props.setProperty("ApplicationName", applicationName);
    this.thread = new Thread(this::run, "pbx-sim-records");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues one row; a full queue (the database far behind) loses it, as a blocked Asterisk would lose calls. */
  @Override
  public void accept(AsteriskRecords.Row row) {
    if (closed || !queue.offer(row)) {
      dropped.incrementAndGet();
      return;
    }
    accepted.incrementAndGet();
  }

  /** Rows inserted so far. */
  public long written() {
    return written.get();
  }

  /** Rows lost: refused by the database or not queued. */
  public long dropped() {
    return dropped.get();
  }

  /** Waits until every row queued so far has been inserted or dropped; false on timeout. */
  public boolean awaitIdle(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (written.get() + dropped.get() < accepted.get()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5); // polling a counter of this writer's own thread: there is nothing to wait on
    }
    return true;
  }

  private void run() {
    List<Object> batch = new ArrayList<>(512);
    while (true) {
      try {
        Object first = queue.take();
        batch.add(first);
        queue.drainTo(batch, 511);
        boolean stop = batch.remove(STOP);
        if (!batch.isEmpty()) {
          write(batch);
        }
        batch.clear();
        if (stop) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    closeConnection();
  }

  private void write(List<Object> rows) {
    try {
      if (connection == null) {
        connection = DriverManager.getConnection(url, props);
        connection.setAutoCommit(false);
      }
      try (PreparedStatement cel = connection.prepareStatement(CEL_INSERT);
           PreparedStatement ql = connection.prepareStatement(QUEUE_LOG_INSERT)) {
        boolean anyCel = false;
        boolean anyQl = false;
        for (Object o : rows) {
          if (o instanceof AsteriskRecords.CelRow r) {
            bind(cel, r);
            cel.addBatch();
            anyCel = true;
          } else if (o instanceof AsteriskRecords.QueueLogRow r) {
            bind(ql, r);
            ql.addBatch();
            anyQl = true;
          }
        }
        if (anyCel) {
          cel.executeBatch();
        }
        if (anyQl) {
          ql.executeBatch();
        }
      }
      connection.commit();
      written.addAndGet(rows.size());
    } catch (SQLException e) {
      dropped.addAndGet(rows.size());
      LOG.warn("pbx-sim: {} call records not written ({}); as Asterisk, they are lost", rows.size(), e.getMessage());
      closeConnection();
    }
  }

  private static void bind(PreparedStatement st, AsteriskRecords.CelRow r) throws SQLException {
    st.setString(1, r.eventtype());
    st.setObject(2, LocalDateTime.ofInstant(r.eventtime(), ZoneOffset.UTC));
    st.setString(3, r.userdeftype());
    st.setString(4, r.cidName());
    st.setString(5, r.cidNum());
    st.setString(6, r.cidAni());
    st.setString(7, r.cidRdnis());
    st.setString(8, r.cidDnid());
    st.setString(9, r.exten());
    st.setString(10, r.context());
    st.setString(11, r.channame());
    st.setString(12, r.appname());
    st.setString(13, r.appdata());
    st.setInt(14, r.amaflags());
    st.setString(15, r.accountcode());
    st.setString(16, r.peeraccount());
    st.setString(17, r.uniqueid());
    st.setString(18, r.linkedid());
    st.setString(19, r.userfield());
    st.setString(20, r.peer());
    st.setString(21, r.extra());
  }

  private static void bind(PreparedStatement st, AsteriskRecords.QueueLogRow r) throws SQLException {
    st.setObject(1, LocalDateTime.ofInstant(r.time(), ZoneOffset.UTC));
    st.setString(2, r.callid());
    st.setString(3, r.queuename());
    st.setString(4, r.agent());
    st.setString(5, r.event());
    st.setString(6, r.data1());
    st.setString(7, r.data2());
    st.setString(8, r.data3());
    st.setString(9, r.data4());
    st.setString(10, r.data5());
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the connection was already broken
      }
      connection = null;
    }
  }

  /** Writes what is queued (up to 10 s) and stops. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      queue.put(STOP);
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
