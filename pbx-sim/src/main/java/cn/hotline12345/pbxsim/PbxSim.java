package cn.hotline12345.pbxsim;

import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.pbxsim.ami.AmiOptions;
import cn.hotline12345.pbxsim.ami.AmiServer;
import cn.hotline12345.pbxsim.ami.ManagerConf;
import cn.hotline12345.pbxsim.conf.QueuesConf;
import cn.hotline12345.pbxsim.dialplan.Dialplan;
import cn.hotline12345.pbxsim.dialplan.ExtensionsConf;
import cn.hotline12345.pbxsim.engine.Channel;
import cn.hotline12345.pbxsim.engine.Engine;
import cn.hotline12345.pbxsim.engine.SimClock;
import cn.hotline12345.pbxsim.fault.FaultState;
import cn.hotline12345.pbxsim.fault.Faults;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The embeddable PBX simulator: an AMI server and a FastAGI client in front of a simulated
 * Asterisk 22 (dialplan, queues, channels). Everything runs on one Vert.x event-loop context of
 * the simulator; the public methods are thread-safe and hop onto it. Methods that return a value
 * block the calling thread briefly (at most 10 s) and must therefore be called from test or main
 * threads; from an event loop use the {@code ...Async} variants.
 *
 * <p>By default it runs the shipped {@code docker/asterisk/extensions.conf} and {@code queues.conf}, bundled into the
 * jar at build time ({@link ExtensionsConf#shipped()}, {@link QueuesConf#shipped()}); {@link Builder#dialplanFile}
 * and {@link Builder#queuesFile} take other files. As a deployment edits {@code [globals]}, the simulator overrides
 * {@code AGIHOST} with its FastAGI target ({@link Builder#agiTarget}) and {@code HOTLINE_PBX} with
 * {@link Builder#pbxId} (empty when not given) when it starts.
 *
 * <pre>
 * PbxSim sim = PbxSim.builder().amiPort(0)                      // manager rules: docker/asterisk/manager.conf
 *     .agiTarget("127.0.0.1", agiPort).dialplan(Dialplan.hotline()).seed(42).build();
 * sim.startBlocking();                       // or sim.start() -> Future
 * CallHandle c = sim.placeCall(CallerSpec.of("13800138000").digits("1"));
 * c.awaitEnd(Duration.ofSeconds(30));
 * sim.close();
 * </pre>
 */
public final class PbxSim implements AutoCloseable {
  private final Builder cfg;
  private final FaultState faultState = new FaultState();
  private Vertx vertx;
  private boolean ownVertx;
  private Context context;
  private Engine engine;
  private volatile cn.hotline12345.pbxsim.sip.SipWebSocketServer sipWs;
  private AmiServer ami;
  private NetClient agiClient;
  private volatile int amiPort;
  private volatile ManagerConf managerConf;
  private final Queues queues = new Queues();
  private final Agents agents = new Agents();
  private final FaultsImpl faults = new FaultsImpl();
  private volatile cn.hotline12345.pbxsim.records.JdbcRecordWriter recordWriter;
  private volatile cn.hotline12345.pbxsim.records.GroundTruth groundTruth;
  private final java.util.Set<String> queueContexts = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private PbxSim(Builder b) {
    this.cfg = b;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts the simulator; completes with it once the AMI port listens. */
  public Future<PbxSim> start() {
    ownVertx = cfg.vertx == null;
    vertx = ownVertx ? Vertx.vertx() : cfg.vertx;
    context = vertx.getOrCreateContext();
    Promise<PbxSim> p = Promise.promise();
    context.runOnContext(v -> {
      SimClock clock = new SimClock(vertx, cfg.timeScale);
      Dialplan dp = (cfg.dialplan != null ? cfg.dialplan : ExtensionsConf.shipped())
          .withGlobal("AGIHOST", cfg.agiHost + ":" + cfg.agiPort)
          .withGlobal("HOTLINE_PBX", cfg.pbxId == null ? "" : cfg.pbxId);
      engine = new Engine(vertx, context, clock, cfg.seed, dp);
      engine.promptSamples(cfg.promptSamples);
      agiClient = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5000).setTcpNoDelay(true));
      engine.agiLauncher((ch, url, done) -> cn.hotline12345.pbxsim.engine.AgiLaunch.launch(engine, agiClient, ch, url,
          done, faultState::agiReplyDelayMs, cfg.soundExists));
      QueuesConf queuesConf = cfg.queuesFile != null ? cfg.queuesFile : QueuesConf.shipped();
      queuesConf.queues().forEach(q -> engine.queues().define(q));
      engine.queues().sharedLastcall(queuesConf.sharedLastcall());
      cfg.queues.forEach(q -> engine.queues().define(q));
      java.util.stream.Stream.concat((cfg.queuesFile != null ? cfg.queuesFile : QueuesConf.shipped()).queues().stream(),
          cfg.queues.stream()).filter(q -> q.options() != null && !q.options().context().isEmpty())
          .forEach(q -> queueContexts.add(q.options().context()));
      if (cfg.groundTruth) {
        groundTruth = new cn.hotline12345.pbxsim.records.GroundTruth(clock::nowMs);
        engine.addSink(groundTruth);
      }
      if (cfg.recordsUrl != null) {
        attachRecords(clock, cfg.recordsUrl, cfg.recordsUser, cfg.recordsPassword, cfg.recordsApp);
      }
      cfg.agents.forEach(a -> engine.agents().put(a.iface(), a));
      cfg.farEnds.forEach(f -> engine.farEnds().put(f.number(), f));
      engine.features(cfg.features != null ? cfg.features : cn.hotline12345.pbxsim.conf.FeaturesConf.shipped());
      cfg.sinks.forEach(engine::addSink);
      ManagerConf conf;
      try {
        conf = cfg.managerConf != null ? cfg.managerConf : ManagerConf.bundled();
        if (cfg.user != null) {
          conf = conf.withSecret(cfg.user, cfg.secret);
        }
      } catch (RuntimeException e) {
        p.fail(e);
        return;
      }
      managerConf = conf;
      ami = new AmiServer(vertx, engine, new AmiOptions(cfg.amiPort, cfg.amiHost, cfg.writeQueueBytes,
          cfg.writeTimeoutMs), conf, faultState);
      ami.listen(cfg.amiPort).onComplete(ar -> {
        if (ar.succeeded()) {
          amiPort = ar.result();
          p.complete(this);
        } else {
          p.fail(ar.cause());
        }
      });
    });
    return p.future();
  }

  /** Blocking start for tests and main(). */
  public PbxSim startBlocking() {
    try {
      return start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("pbx-sim did not start", e);
    }
  }

  public int amiPort() {
    return amiPort;
  }

  /** The manager rules this simulator enforces (after {@link Builder#amiCredentials}); null before start. */
  public ManagerConf managerConf() {
    return managerConf;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Issue 23: starts the SIP-over-WebSocket side (RFC 7118) on {@code host}, any free port, path {@code /ws}, with the
   * digest realm the server's HA1 are made with ({@code softphone.realm}); add accounts with
   * {@link cn.hotline12345.pbxsim.sip.SipWebSocketServer#account}. Closed with the simulator.
   */
  public cn.hotline12345.pbxsim.sip.SipWebSocketServer startSipWebSocket(String host, String realm) {
    return startSipWebSocket(host, realm, null);
  }

  /**
   * The SIP WebSocket side over TLS, {@code wss://host:<port>/ws}, as Asterisk's http.conf {@code tlsenable = yes}
   * serves it. {@code keyCert} null: a self-signed certificate for {@code host} is made at start (Vert.x's
   * {@link io.vertx.core.net.SelfSignedCertificate}); a browser accepts it only when told to (Chromium's
   * {@code --ignore-certificate-errors} in tests). A real deployment gives Asterisk a certificate the agents' browsers
   * trust (docs/softphone.md, docker/tls/README.md).
   */
  public cn.hotline12345.pbxsim.sip.SipWebSocketServer startSipWebSocketTls(String host, String realm,
      io.vertx.core.net.KeyCertOptions keyCert) {
    io.vertx.core.net.KeyCertOptions kc = keyCert != null ? keyCert
        : io.vertx.core.net.SelfSignedCertificate.create(host).keyCertOptions();
    return startSipWebSocket(host, realm, kc);
  }

  private cn.hotline12345.pbxsim.sip.SipWebSocketServer startSipWebSocket(String host, String realm,
      io.vertx.core.net.KeyCertOptions keyCert) {
    cn.hotline12345.pbxsim.sip.SipWebSocketServer s = onContext(() ->
        new cn.hotline12345.pbxsim.sip.SipWebSocketServer(vertx, engine, realm, host));
    try {
      s.listen(host, 0, keyCert).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("SIP WebSocket did not start", e);
    }
    sipWs = s;
    // the media ends' DTLS certificate (about 1.5 s the first time in a process) made now, on a worker, so that no
    // queue call waits for it on the simulator's context
    vertx.executeBlocking(() -> {
      cn.hotline12345.pbxsim.media.MediaEnd.prepare();
      return null;
    });
    return s;
  }

  private <T> T onContext(Supplier<T> work) {
    if (Vertx.currentContext() == context) {
      return work.get();
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        f.complete(work.get());
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("simulator context did not respond", e);
    }
  }

  private <T> Future<T> onContextAsync(Supplier<T> work) {
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> {
      try {
        p.complete(work.get());
      } catch (RuntimeException e) {
        p.fail(e);
      }
    });
    return p.future();
  }

  /** An inbound PSTN call to {@code spec.dialed()} (12345) from a scripted caller. */
  public CallHandle placeCall(CallerSpec spec) {
    return onContext(() -> doPlace(spec));
  }

  public Future<CallHandle> placeCallAsync(CallerSpec spec) {
    return onContextAsync(() -> doPlace(spec));
  }

  private CallHandle doPlace(CallerSpec spec) {
    Channel c = engine.placeCall(spec);
    return new CallHandle(c.name(), c.linkedid(), engine.callEnded(c.linkedid()));
  }

  /** Names of the channels alive now. */
  public List<String> activeChannels() {
    return onContext(() -> {
      List<String> out = new ArrayList<>();
      engine.channels().forEach(c -> out.add(c.name()));
      return out;
    });
  }

  /** Number of calls (Linkedids) with a live channel. */
  public int activeCalls() {
    return onContext(engine::liveCalls);
  }

  public long callsStarted() {
    return onContext(engine::callsStarted);
  }

  public long callsEnded() {
    return onContext(engine::callsEnded);
  }

  /** Number of AMI clients dropped for not reading (write timeout). */
  public long droppedAmiClients() {
    return onContext(ami::droppedClients);
  }

  public Queues queues() {
    return queues;
  }

  public Agents agents() {
    return agents;
  }

  public Faults faults() {
    return faults;
  }

  /** Observes every event the simulator emits (on the simulator's context; keep it cheap). */
  public void onEvent(Consumer<AmiMessage> listener) {
    onContext(() -> {
      engine.addSink(listener);
      return null;
    });
  }

  /**
   * Starts writing Asterisk's own call records, CEL and queue_log rows, into {@code asterisk.cel} and
   * {@code asterisk.queue_log} of this database from now on, as Asterisk with the shipped cel.conf, cel_pgsql.conf
   * and extconfig.conf does (see {@link cn.hotline12345.pbxsim.records.AsteriskRecords}). For a simulator started
   * before its database (demo mode); otherwise {@link Builder#asteriskRecords}.
   *
   * @param applicationName the PBX id the rows carry (cel_pgsql.conf {@code appname})
   */
  public void writeAsteriskRecords(String jdbcUrl, String user, String password, String applicationName) {
    onContext(() -> {
      attachRecords(engine.clock(), jdbcUrl, user, password, applicationName);
      return null;
    });
  }

  private void attachRecords(SimClock clock, String url, String user, String password, String app) {
    if (recordWriter != null) {
      throw new IllegalStateException("pbx-sim already writes its call records");
    }
    cn.hotline12345.pbxsim.records.JdbcRecordWriter w =
        new cn.hotline12345.pbxsim.records.JdbcRecordWriter(url, user, password, app);
    recordWriter = w;
    engine.addSink(new cn.hotline12345.pbxsim.records.AsteriskRecords(
        cn.hotline12345.pbxsim.records.CelConf.shipped(), queueContexts, clock::nowMs, w));
  }

  /** The writer of Asterisk's call records, or null when none is written. */
  public cn.hotline12345.pbxsim.records.JdbcRecordWriter asteriskRecords() {
    return recordWriter;
  }

  /** What really happened to each call ({@link Builder#keepGroundTruth}); null when not kept. */
  public cn.hotline12345.pbxsim.records.GroundTruth groundTruth() {
    return groundTruth;
  }

  /** Queue administration. */
  public final class Queues {
    public void add(QueueConfig q) {
      onContext(() -> {
        engine.queues().define(q);
        return null;
      });
    }

    public void add(String name, Strategy strategy, QueueConfig.Member... members) {
      add(QueueConfig.of(name, strategy, members));
    }

    /** Pause or unpause a member in all its queues; false if no queue has it. */
    public boolean pause(String iface, boolean paused, String reason) {
      return onContext(() -> engine.queues().pause(null, iface, paused, reason));
    }
  }

  /** Behaviour of agents' phones. */
  public final class Agents {
    public void add(AgentSpec spec) {
      engine.agents().put(spec.iface(), spec);
    }
  }

  /** Changes how a number reached over the trunk behaves from now on. */
  public void farEnd(FarEndSpec spec) {
    engine.farEnds().put(spec.number(), spec);
  }

  private final class FaultsImpl implements Faults {
    @Override
    public void resetAmi() {
      onContext(() -> {
        ami.resetAll();
        return null;
      });
    }

    @Override
    public void silent(boolean on) {
      faultState.silent(on);
    }

    @Override
    public void ignoreActions(boolean on) {
      faultState.ignoreInput(on);
    }

    @Override
    public void restart(Duration downtime) {
      CompletableFuture<Void> stopped = new CompletableFuture<>();
      context.runOnContext(v -> {
        ami.shutdown().onComplete(ar -> {
          engine.queues().dropAllCalls();
          for (Channel c : new ArrayList<>(engine.channels())) {
            engine.destroy(c, "16");
          }
          stopped.complete(null);
        });
      });
      try {
        stopped.get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> up = new CompletableFuture<>();
        vertx.setTimer(Math.max(1, downtime.toMillis()), t -> context.runOnContext(v -> {
          engine.rebooted();
          ami.listen(amiPort).onComplete(ar -> up.complete(null));
        }));
        up.get(downtime.toMillis() + 10_000, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("restart failed", e);
      }
    }

    @Override
    public void cutAmi(Duration downtime) {
      onContext(() -> {
        ami.resetAll();
        ami.stopListening().onComplete(ar -> vertx.setTimer(Math.max(1, downtime.toMillis()),
            t -> context.runOnContext(v -> ami.listen(amiPort))));
        return null;
      });
    }

    @Override
    public void slowAgi(Duration delay) {
      faultState.agiReplyDelayMs(delay.toMillis());
    }

    @Override
    public void duplicateEvents(boolean on) {
      faultState.duplicateEvents(on);
    }

    private void raw(String text) {
      raw(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void raw(Buffer b) {
      onContext(() -> {
        ami.broadcastRaw(b);
        return null;
      });
    }

    @Override
    public void sendOversizedLine(int bytes) {
      raw("Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: Oversized\r\nData: " + "x".repeat(Math.max(1, bytes))
          + "\r\n\r\n");
    }

    @Override
    public void sendBrokenUtf8() {
      Buffer b = Buffer.buffer("Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: BrokenUtf8\r\nData: ");
      b.appendBytes(new byte[] {(byte) 0xE5, (byte) 0xBC, (byte) 0xA0, (byte) 0xC3, (byte) 0x28, (byte) 0xFF});
      b.appendString("\r\n\r\n");
      raw(b);
    }

    @Override
    public void sendMissingHeaders() {
      raw("Event: Hangup\r\nChannel: PJSIP/trunk-ffffffff\r\n\r\nPrivilege: call,all\r\nUniqueid: 1.1\r\n\r\n");
    }
  }

  /** Stops the simulator: closes connections and timers; closes Vert.x if it created it. */
  @Override
  public void close() {
    if (vertx == null) {
      return;
    }
    if (sipWs != null) {
      sipWs.close();
    }
    try {
      CompletableFuture<Void> f = new CompletableFuture<>();
      context.runOnContext(v -> {
        ami.resetAll();
        ami.stopListening().onComplete(ar -> f.complete(null));
      });
      f.get(10, TimeUnit.SECONDS);
      if (agiClient != null) {
        agiClient.close();
      }
      if (recordWriter != null) {
        recordWriter.close();
      }
      if (ownVertx) {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("close failed", e);
    } finally {
      vertx = null;
    }
  }

  /** Builder; every setting has a default fit for tests. */
  public static final class Builder {
    private int amiPort = -1;
    private String amiHost = "127.0.0.1";
    private ManagerConf managerConf;
    private String user;
    private String secret;
    private String agiHost = "127.0.0.1";
    private int agiPort = 4573;
    private String pbxId;
    private Dialplan dialplan;
    private QueuesConf queuesFile;
    private cn.hotline12345.pbxsim.conf.FeaturesConf features;
    private final List<FarEndSpec> farEnds = new ArrayList<>();
    private long seed = 1;
    private double timeScale = 1.0;
    private long promptSamples = 3520;
    private int writeQueueBytes = 256 * 1024;
    private long writeTimeoutMs = 0;
    private Vertx vertx;
    private final List<QueueConfig> queues = new ArrayList<>();
    private final List<AgentSpec> agents = new ArrayList<>();
    private final List<Consumer<AmiMessage>> sinks = new ArrayList<>();
    private java.util.function.Predicate<String> soundExists;
    private String recordsUrl;
    private String recordsUser;
    private String recordsPassword;
    private String recordsApp;
    private boolean groundTruth;

    /**
     * Writes Asterisk's own call records (CEL and queue_log, {@link cn.hotline12345.pbxsim.records.AsteriskRecords})
     * into this PostgreSQL database from the start, over a connection of its own with {@code application_name} =
     * {@code applicationName} (the PBX id, as cel_pgsql.conf's {@code appname}).
     */
    public Builder asteriskRecords(String jdbcUrl, String user, String password, String applicationName) {
      this.recordsUrl = jdbcUrl;
      this.recordsUser = user;
      this.recordsPassword = password;
      this.recordsApp = applicationName;
      return this;
    }

    /** Keeps {@link PbxSim#groundTruth()}: what happened to every call (memory grows with the calls: for tests). */
    public Builder keepGroundTruth() {
      this.groundTruth = true;
      return this;
    }

    /**
     * The sound files this simulated Asterisk has, named as STREAM FILE names them relative to the channel's
     * language folder ({@code hotline/welcome-24h}, {@code digits/1}). STREAM FILE, GET DATA and EXEC Playback of
     * any other file then answer as a real Asterisk 22 does for a missing file (see FastAgiSession). Unset, every
     * file exists.
     */
    public Builder sounds(java.util.Collection<String> names) {
      java.util.Set<String> copy = java.util.Set.copyOf(names);
      this.soundExists = copy::contains;
      return this;
    }

    /**
     * {@link #sounds} from a folder laid out like {@code /var/lib/asterisk/sounds/zh}, e.g. ivr-scripts'
     * {@code target/asterisk-sounds/zh}; read once, here, on the calling thread.
     *
     * @throws java.io.UncheckedIOException when the folder cannot be read
     */
    public Builder soundsDirectory(java.nio.file.Path dir) {
      try {
        return sounds(cn.hotline12345.pbxsim.engine.AgiLaunch.soundsIn(dir));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot read sounds directory " + dir, e);
      }
    }

    /** The AMI port; 0 = ephemeral. Unset: the {@code port} of manager.conf's [general] (5038). */
    public Builder amiPort(int port) {
      this.amiPort = port;
      return this;
    }

    /** Address the AMI port listens on (default loopback, whatever manager.conf's {@code bindaddr} says). */
    public Builder amiHost(String host) {
      this.amiHost = host;
      return this;
    }

    /**
     * The manager.conf whose rules the sim enforces (users, secrets, read/write rights, permit/deny, eventfilters,
     * timestampevents, ...): a file path or the text itself. Unset: docker/asterisk/manager.conf as committed,
     * bundled into the jar, so tests and demo mode run the shipped rules.
     */
    public Builder managerConf(String pathOrText) {
      this.managerConf = ManagerConf.of(pathOrText);
      return this;
    }

    public Builder managerConf(java.nio.file.Path file) {
      this.managerConf = ManagerConf.load(file);
      return this;
    }

    public Builder managerConf(ManagerConf conf) {
      this.managerConf = conf;
      return this;
    }

    /**
     * Replaces the secret of manager user {@code username} of the loaded manager.conf, as docker's entrypoint.sh
     * replaces {@code secret = ctisecret} with {@code CTI_AMI_SECRET}. The user, its rights and filters still come
     * from manager.conf; start fails if it has no such user (Asterisk would refuse every login as it).
     */
    public Builder amiCredentials(String username, String secret) {
      this.user = username;
      this.secret = secret;
      return this;
    }

    /**
     * The id this simulated PBX gives itself in its dialplan's global {@code HOTLINE_PBX}, which the hotline
     * dialplan sends on every FastAGI URL ({@code ?pbx=<id>}), as docker/asterisk/extensions.conf does. Unset: the
     * URLs carry an empty {@code pbx=} and the server falls back to its only PBX.
     */
    public Builder pbxId(String id) {
      this.pbxId = id;
      return this;
    }

    public Builder agiTarget(String host, int port) {
      this.agiHost = host;
      this.agiPort = port;
      return this;
    }

    /** The dialplan to run (default: the shipped docker/asterisk/extensions.conf). */
    public Builder dialplan(Dialplan d) {
      this.dialplan = d;
      return this;
    }

    /** Runs this extensions.conf instead of the shipped one; a file the simulator cannot run fails here. */
    public Builder dialplanFile(java.nio.file.Path extensionsConf) {
      this.dialplan = ExtensionsConf.read(extensionsConf);
      return this;
    }

    /** Configures the queues from this queues.conf instead of the shipped one. */
    public Builder queuesFile(java.nio.file.Path queuesConf) {
      this.queuesFile = QueuesConf.read(queuesConf);
      return this;
    }

    /** How a number reached over the trunk behaves ({@code FarEndSpec.anyNumber()} for every other number). */
    public Builder farEnd(FarEndSpec spec) {
      farEnds.add(spec);
      return this;
    }

    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** Simulated-time speed: 0.1 makes a 3 s talk time last 300 ms. Default 1 (real time). */
    public Builder timeScale(double scale) {
      this.timeScale = scale;
      return this;
    }

    /** Length of every played prompt in 8 kHz samples (default 3520, Asterisk's beep). */
    public Builder promptSamples(long samples) {
      this.promptSamples = samples;
      return this;
    }

    /**
     * Per-client AMI output buffer and how long it may stay full before the client is dropped (this overrides the
     * user's {@code writetimeout} of manager.conf).
     */
    public Builder amiWriteLimits(int queueBytes, long timeoutMs) {
      this.writeQueueBytes = queueBytes;
      this.writeTimeoutMs = timeoutMs;
      return this;
    }

    /** Runs on an existing Vert.x instead of creating one (demo mode inside the server). */
    public Builder vertx(Vertx v) {
      this.vertx = v;
      return this;
    }

    public Builder queue(QueueConfig q) {
      queues.add(q);
      return this;
    }

    public Builder agent(AgentSpec a) {
      agents.add(a);
      return this;
    }

    /** Observes every emitted event from the start (on the simulator's context). */
    public Builder eventListener(Consumer<AmiMessage> l) {
      sinks.add(l);
      return this;
    }

    /**
     * The captures' setup: their {@code etc/extensions.conf} and {@code etc/queues.conf} (queue {@code hotline} with
     * Local agents 1001/1002), as the real Asterisk 22 of the captures loaded them.
     */
    public Builder capturesSetup() {
      this.dialplan = ExtensionsConf.captures();
      this.queuesFile = QueuesConf.captures();
      this.features = cn.hotline12345.pbxsim.conf.FeaturesConf.DEFAULTS; // the captures' etc/ has no features.conf
      return this;
    }

    public PbxSim build() {
      return new PbxSim(this);
    }
  }
}
