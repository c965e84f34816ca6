package cn.hotline12345.pbxsim.ami;

import cn.hotline12345.pbxsim.engine.Channel;
import cn.hotline12345.pbxsim.engine.Engine;
import cn.hotline12345.pbxsim.engine.Events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes manager actions with Asterisk 22's responses and error wording, under its permission rules.
 *
 * <p>{@code process_message} (main/manager.c, branch 22), in order: no {@code Action} header → "Missing action in
 * request"; before login only Login, Logoff and Challenge run, anything else → "Permission denied"; an action
 * registered with {@code authority} runs when {@code (s->session->writeperm & act_found->authority) ||
 * act_found->authority == 0}, else → "Permission denied"; an unknown action → "Invalid/unknown command: %s. Use
 * Action: ListCommands to show available commands.". Every action is registered here with the authority that
 * Asterisk's {@code ast_manager_register_xml[_core]} gives it (manager.c, app_queue.c, manager_bridges.c,
 * features.c).
 */
final class AmiActions {
  private static final DateTimeFormatter TV =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
  private final Engine engine;
  private final AmiServer server;
  private final AmiStatusActions status;
  private static final Logger LOG = LoggerFactory.getLogger(AmiActions.class);
  private final Map<String, Registered> registry = new HashMap<>();

  /** One action: its handler and the write classes that may run it (0: anyone logged in, and Login itself). */
  record Registered(String name, int authority, Handler handler) {
  }

  @FunctionalInterface
  interface Handler {
    void run(AmiSession s, AmiMessage m, String actionId);
  }

  AmiActions(Engine engine, AmiServer server) {
    this.engine = engine;
    this.server = server;
    this.status = new AmiStatusActions(engine, server);
    // main/manager.c __init_manager
    register("Ping", 0, this::ping);
    register("Events", 0, this::events);
    register("Logoff", 0, (s, m, id) -> s.sendAndClose(AmiMessage.response("Goodbye", id)
        .add("Message", "Thanks for all the fish.")));
    register("Login", 0, this::login);
    register("Challenge", 0, this::challenge);
    register("Hangup", ManagerPerms.SYSTEM | ManagerPerms.CALL, this::hangup);
    register("Status", ManagerPerms.SYSTEM | ManagerPerms.CALL | ManagerPerms.REPORTING, this::status);
    register("Setvar", ManagerPerms.CALL, this::setvar);
    register("Getvar", ManagerPerms.CALL | ManagerPerms.REPORTING, this::getvar);
    register("Redirect", ManagerPerms.CALL, this::redirect);
    register("Atxfer", ManagerPerms.CALL, this::atxfer);
    // features.c: ast_manager_register_xml_core("Bridge", EVENT_FLAG_CALL, action_bridge)
    register("Bridge", ManagerPerms.CALL, this::bridge);
    register("BlindTransfer", ManagerPerms.CALL, this::blindTransfer);
    register("Originate", ManagerPerms.ORIGINATE, this::originate);
    register("CoreSettings", ManagerPerms.SYSTEM | ManagerPerms.REPORTING, status::coreSettings);
    register("CoreStatus", ManagerPerms.SYSTEM | ManagerPerms.REPORTING, status::coreStatus);
    register("CoreShowChannels", ManagerPerms.SYSTEM | ManagerPerms.REPORTING,
        (s, m, id) -> list(s, id, "Channels will follow", "CoreShowChannelsComplete", coreShow(id)));
    register("Filter", ManagerPerms.SYSTEM, this::filter);
    // apps/app_queue.c load_module
    register("QueueStatus", 0, (s, m, id) -> list(s, id, "Queue status will follow", "QueueStatusComplete",
        engine.queues().statusEvents(m.get("Queue"), m.get("Member"), id)));
    register("QueueSummary", 0, (s, m, id) -> list(s, id, "Queue summary will follow", "QueueSummaryComplete",
        engine.queues().summaryEvents(m.get("Queue"), id)));
    register("QueueAdd", ManagerPerms.AGENT, this::queueAdd);
    register("QueueRemove", ManagerPerms.AGENT, this::queueRemove);
    register("QueuePause", ManagerPerms.AGENT, this::queuePause);
    // main/manager_bridges.c manager_bridging_init
    register("BridgeList", 0, status::bridgeList);
    register("BridgeInfo", 0, status::bridgeInfo);
    register("ListCommands", 0, this::listCommands);
  }

  /**
   * manager.c action_listcommands: one header per action the session may run,
   * {@code if ((s->session->writeperm & cur->authority) || cur->authority == 0)}, as
   * {@code "%s: %s (Priv: %s)"}; the synopsis here is the action's name.
   */
  private void listCommands(AmiSession s, AmiMessage m, String id) {
    AmiMessage out = AmiMessage.response("Success", id);
    registry.values().stream().sorted(java.util.Comparator.comparing(Registered::name))
        .filter(r -> (s.writePerm & r.authority()) != 0 || r.authority() == 0)
        .forEach(r -> out.add(r.name(), r.name() + " (Priv: " + ManagerPerms.authorityToString(r.authority()) + ")"));
    s.send(out);
  }

  /** Registers (or replaces) an action with Asterisk's authority for it. */
  void register(String name, int authority, Handler h) {
    registry.put(name.toLowerCase(Locale.ROOT), new Registered(name, authority, h));
  }

  /** The authority an action is registered with, or empty when the sim does not know it. */
  java.util.OptionalInt authority(String action) {
    Registered r = registry.get(action.toLowerCase(Locale.ROOT));
    return r == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(r.authority());
  }

  private static void error(AmiSession s, String actionId, String message) {
    s.send(AmiMessage.response("Error", actionId).add("Message", message));
  }

  private static void success(AmiSession s, String actionId, String message) {
    s.send(AmiMessage.response("Success", actionId).add("Message", message));
  }

  /** {@code __astman_get_header(m, "Action", GET_HEADER_SKIP_EMPTY)}: the first non-empty Action header. */
  private static String actionOf(AmiMessage m) {
    for (String v : m.getAll("Action")) {
      if (!v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  void handle(AmiSession s, AmiMessage m) {
    String action = actionOf(m);
    String id = m.get("ActionID");
    if (id != null && id.isEmpty()) {
      id = null;
    }
    if (action == null) {
      securityEvent(s, "RequestBadFormat", "NONE");
      error(s, id, "Missing action in request");
      return;
    }
    String a = action.toLowerCase(Locale.ROOT);
    if (!s.loggedIn && !a.equals("login") && !a.equals("logoff") && !a.equals("challenge")) {
      securityEvent(s, "RequestNotAllowed", action);
      error(s, id, "Permission denied");
      return;
    }
    if (!s.loggedIn && (a.equals("login") || a.equals("challenge")) && loginInUse(m.get("Username"))) {
      // "Login Already In Use" after sleep(1), and the session ends
      String fid = id;
      s.closing = true;
      server.vertx().setTimer(1000, t -> s.sendAndClose(AmiMessage.response("Error", fid)
          .add("Message", "Login Already In Use")));
      return;
    }
    Registered r = registry.get(a);
    if (r == null) {
      securityEvent(s, "RequestBadFormat", action);
      error(s, id, "Invalid/unknown command: " + action + ". Use Action: ListCommands to show available commands.");
      return;
    }
    if ((s.writePerm & r.authority()) == 0 && r.authority() != 0) {
      securityEvent(s, "RequestNotAllowed", action);
      error(s, id, "Permission denied");
      return;
    }
    r.handler().run(s, m, id);
  }

  private boolean loginInUse(String username) {
    if (username == null || username.isEmpty()) {
      return false;
    }
    ManagerUser u = server.conf().user(username).orElse(null);
    if (u == null || u.allowMultipleLogin()) {
      return false;
    }
    for (AmiSession o : server.sessions()) {
      if (o.loggedIn && username.equalsIgnoreCase(o.username)) {
        return true;
      }
    }
    return false;
  }

  private String remote(AmiSession s) {
    return "IPV4/TCP/" + s.socket().remoteAddress().host() + "/" + s.socket().remoteAddress().port();
  }

  private String local() {
    return "IPV4/TCP/127.0.0.1/" + server.port();
  }

  /** RequestBadFormat / RequestNotAllowed (security class: only sessions that read security see them). */
  private void securityEvent(AmiSession s, String name, String action) {
    String now = TV.format(Instant.ofEpochMilli(engine.clock().nowMs()));
    String type = "NONE".equals(action) && name.equals("RequestBadFormat") ? "NONE" : "Action: " + action;
    AmiMessage e = AmiMessage.event(name, Events.SECURITY).add("EventTV", now).add("Severity", "Error")
        .add("Service", "AMI").add("EventVersion", "1");
    if (name.equals("RequestNotAllowed")) {
      e.add("AccountID", s.username == null ? "" : s.username);
    }
    e.add("SessionID", s.sessionId).add("LocalAddress", local()).add("RemoteAddress", remote(s))
        .add("RequestType", type).add("SessionTV", TV.format(Instant.ofEpochMilli(s.connectedAt())));
    if (name.equals("RequestBadFormat")) {
      e.add("AccountID", s.username == null ? "" : s.username);
    }
    server.broadcast(e);
  }

  private void ping(AmiSession s, AmiMessage m, String id) {
    long us = engine.clock().nowMs() * 1000L;
    s.send(AmiMessage.response("Success", id).add("Ping", "Pong").add("Timestamp",
        String.format(Locale.ROOT, "%d.%06d", us / 1_000_000, us % 1_000_000)));
  }

  /** action_events: {@code send_events = readperm & strings_to_mask(EventMask)}. */
  private void events(AmiSession s, AmiMessage m, String id) {
    int mask = ManagerPerms.stringsToMask(m.get("EventMask"));
    if (mask >= 0) {
      s.sendEvents = s.readPerm & mask;
    }
    if (mask > 0) {
      s.send(AmiMessage.response("Success", id).add("Events", "On"));
    } else if (mask == 0) {
      s.send(AmiMessage.response("Success", id).add("Events", "Off"));
    } else {
      error(s, id, "Invalid event mask");
    }
  }

  /** action_filter: adds a session filter with manager_add_filter's rules. */
  private void filter(AmiSession s, AmiMessage m, String id) {
    String operation = m.get("Operation");
    if (!"Add".equalsIgnoreCase(operation)) {
      error(s, id, "Unknown operation");
      return;
    }
    String criteria = m.get("MatchCriteria");
    String crit = criteria == null || criteria.isEmpty() ? "eventfilter" : "eventfilter(" + criteria + ")";
    String pattern = m.get("Filter");
    EventFilter.Parsed p = EventFilter.parse(crit, pattern == null ? "" : pattern);
    switch (p.result()) {
      case SUCCESS -> {
        EventFilters f = new EventFilters(s.filters);
        f.add(p.filter());
        s.filters = f;
        success(s, id, "Success");
      }
      case COMPILE_FAIL -> error(s, id, "Filter did not compile.  Check the syntax of the filter given.");
      case FORMAT_ERROR -> error(s, id, "Filter was formatted incorrectly.  Check the syntax of the filter given.");
    }
  }

  /**
   * action_login / authenticate: the user (by {@code strcasecmp}), its ACL against the client's address, then the
   * MD5 key ({@code strcmp} with the lower-case hex of md5(challenge + secret)) or the plain secret. A refusal is
   * answered after {@code sleep(1)} with "Authentication failed" and the session ends. On success the session takes
   * the user's rights and filters, {@code send_events} from the Events header (else {@code readperm}), and
   * FullyBooted is appended straight to the session only when {@code send_events & EVENT_FLAG_SYSTEM}.
   */
  private void login(AmiSession s, AmiMessage m, String id) {
    if (s.loggedIn) {
      success(s, id, "Already authenticated");
      return;
    }
    String user = m.get("Username");
    ManagerUser u = authenticate(s, m, user);
    if (u == null) {
      s.closing = true;
      server.vertx().setTimer(1000, t -> s.sendAndClose(AmiMessage.response("Error", id)
          .add("Message", "Authentication failed")));
      return;
    }
    s.username = user;
    s.readPerm = u.readPerm();
    s.writePerm = u.writePerm();
    if (server.options().writeTimeoutMs() <= 0) {
      s.writeTimeoutMs = u.writeTimeoutMs();
    }
    s.filters = new EventFilters(u.filters());
    String events = m.get("Events");
    if (events != null && !events.isEmpty()) {
      int mask = ManagerPerms.stringsToMask(events);
      if (mask >= 0) {
        s.sendEvents = s.readPerm & mask;
      }
    } else {
      s.sendEvents = s.readPerm;
    }
    s.loggedIn = true;
    server.vertx().cancelTimer(s.authTimer);
    if (u.displayConnects()) {
      org.slf4j.LoggerFactory.getLogger(AmiServer.class).info("Manager '{}' logged on from {}", user,
          s.socket().remoteAddress().host());
    }
    success(s, id, "Authentication accepted");
    if ((s.sendEvents & ManagerPerms.SYSTEM) != 0) {
      long up = engine.uptimeSec();
      s.send(Events.fullyBooted(up, up));
    }
    String now = TV.format(Instant.ofEpochMilli(engine.clock().nowMs()));
    server.broadcast(AmiMessage.event("SuccessfulAuth", Events.SECURITY).add("EventTV", now)
        .add("Severity", "Informational").add("Service", "AMI").add("EventVersion", "1").add("AccountID", user)
        .add("SessionID", s.sessionId).add("LocalAddress", local()).add("RemoteAddress", remote(s))
        .add("UsingPassword", "0").add("SessionTV", now));
  }

  /** authenticate() of main/manager.c: the user, or null for every kind of refusal (all answered alike). */
  private ManagerUser authenticate(AmiSession s, AmiMessage m, String username) {
    if (username == null || username.isEmpty()) {
      return null;
    }
    ManagerUser u = server.conf().user(username).orElse(null);
    if (u == null) {
      LOG.info("{} tried to authenticate with nonexistent user '{}'", s.socket().remoteAddress().host(), username);
      return null;
    }
    java.net.InetAddress client = clientAddress(s);
    if (u.acl() != null && (client == null || !u.acl().permits(client))) {
      LOG.info("{} failed to pass IP ACL as '{}'", s.socket().remoteAddress().host(), username);
      return null;
    }
    boolean ok;
    if ("MD5".equalsIgnoreCase(m.get("AuthType"))) {
      String key = m.get("Key");
      ok = key != null && !key.isEmpty() && s.challenge != null && u.secret() != null
          && md5(s.challenge + u.secret()).equals(key);
    } else {
      String password = m.get("Secret");
      ok = u.secret() != null && u.secret().equals(password == null ? "" : password);
    }
    if (!ok) {
      LOG.info("{} failed to authenticate as '{}'", s.socket().remoteAddress().host(), username);
    }
    return ok ? u : null;
  }

  private static java.net.InetAddress clientAddress(AmiSession s) {
    byte[] a = ManagerAcl.numeric(s.socket().remoteAddress().host());
    try {
      return a == null ? null : java.net.InetAddress.getByAddress(a);
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  private void challenge(AmiSession s, AmiMessage m, String id) {
    if (!"MD5".equalsIgnoreCase(m.get("AuthType"))) {
      error(s, id, "Must specify AuthType");
      return;
    }
    if (s.challenge == null) {
      s.challenge = Integer.toString(100_000_000 + engine.random().nextInt(899_999_999));
    }
    s.send(AmiMessage.response("Success", id).add("Challenge", s.challenge));
  }

  static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String[] parseCallerId(String cid) {
    if (cid == null || cid.isBlank()) {
      return null;
    }
    String name = "";
    String num = cid.trim();
    int lt = num.indexOf('<');
    int gt = num.indexOf('>', lt + 1);
    if (lt >= 0 && gt > lt) {
      name = num.substring(0, lt).trim();
      if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
        name = name.substring(1, name.length() - 1);
      }
      num = num.substring(lt + 1, gt).trim();
    }
    return new String[] {num, name};
  }

  private void originate(AmiSession s, AmiMessage m, String id) {
    String chan = m.get("Channel");
    if (chan == null || chan.isEmpty()) {
      error(s, id, "Channel not specified");
      return;
    }
    String exten = m.get("Exten");
    String ctx = m.get("Context");
    if ((exten == null || exten.isEmpty()) && m.get("Application") == null) {
      error(s, id, "Exten not specified");
      return;
    }
    int prio = 1;
    String p = m.get("Priority");
    if (p != null && !p.isEmpty()) {
      try {
        prio = Integer.parseInt(p.trim());
      } catch (NumberFormatException ex) {
        error(s, id, "Invalid priority");
        return;
      }
    }
    if (ctx == null || ctx.isEmpty()) {
      ctx = "default";
    }
    Map<String, String> vars = new LinkedHashMap<>();
    for (String v : m.getAll("Variable")) {
      for (String part : v.split(",")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          vars.put(part.substring(0, eq).trim(), part.substring(eq + 1));
        }
      }
    }
    String[] cid = parseCallerId(m.get("CallerID"));
    boolean async = isTrue(m.get("Async"));
    String app = m.get("Application");
    if (app != null && !app.isEmpty()) {
      originateApp(s, id, chan, app, m.get("Data") == null ? "" : m.get("Data"), cid, vars, async);
      return;
    }
    if (async) {
      success(s, id, "Originate successfully queued");
    }
    String fctx = ctx;
    engine.originate(chan, ctx, exten, prio, cid == null ? null : cid[0], cid == null ? null : cid[1], vars, r -> {
      if (async) {
        engine.emit(Events.originateResponse(id, r.success(), r.success() ? r.channel() : chan, fctx, exten, r.reason(),
            r.success() ? r.uniqueid() : "<null>", cid == null ? Channel.UNKNOWN : cid[0],
            cid == null ? Channel.UNKNOWN : cid[1]));
      } else if (r.success()) {
        success(s, id, "Originate successfully queued");
      } else {
        error(s, id, "Originate failed");
      }
    });
  }

  /**
   * Originate with an Application (manager.c action_originate): refused before anything happens when
   * is_originate_app_permitted says the session lacks the class ({@link OriginatePermissions}); then queued as for an
   * extension, and its OriginateResponse carries Application and Data (fast_originate).
   */
  private void originateApp(AmiSession s, String id, String chan, String app, String data, String[] cid,
      Map<String, String> vars, boolean async) {
    if (!OriginatePermissions.permitted(app, data, s.writePerm)) {
      error(s, id, OriginatePermissions.FORBIDDEN);
      return;
    }
    if (chan.indexOf('/') < 0) {
      error(s, id, "Invalid channel");
      return;
    }
    if (async) {
      success(s, id, "Originate successfully queued");
    }
    engine.originateApp(chan, app, data, cid == null ? null : cid[0], cid == null ? null : cid[1], vars, r -> {
      if (async) {
        engine.emit(Events.originateAppResponse(id, r.success(), r.success() ? r.channel() : chan, app, data,
            r.reason(), r.uniqueid(), cid == null ? Channel.UNKNOWN : cid[0], cid == null ? Channel.UNKNOWN : cid[1]));
      } else if (r.success()) {
        success(s, id, "Originate successfully queued");
      } else {
        error(s, id, "Originate failed");
      }
    });
  }

  private static boolean isTrue(String v) {
    return v != null && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equals("1")
        || v.equalsIgnoreCase("on"));
  }

  private void hangup(AmiSession s, AmiMessage m, String id) {
    String chan = m.get("Channel");
    if (chan == null || chan.isEmpty()) {
      error(s, id, "No channel specified");
      return;
    }
    Channel c = engine.channel(chan);
    if (c == null) {
      error(s, id, "No such channel");
      return;
    }
    String cause = m.get("Cause");
    String cz = cause != null && cause.matches("[0-9]{1,3}") ? cause : "16";
    success(s, id, "Channel Hungup");
    engine.requestHangup(c, cz, true);
  }

  /** main/manager.c action_redirect (branch 22): checks, error texts and the dual redirect with ExtraChannel. */
  private void redirect(AmiSession s, AmiMessage m, String id) {
    String chan = m.get("Channel");
    String chan2 = m.get("ExtraChannel");
    String exten = m.get("Exten");
    String exten2 = m.get("ExtraExten");
    String ctx = m.get("Context");
    String ctx2 = m.get("ExtraContext");
    if (empty(chan)) {
      error(s, id, "Channel not specified");
      return;
    }
    if (empty(ctx)) {
      error(s, id, "Context not specified");
      return;
    }
    if (empty(exten)) {
      error(s, id, "Exten not specified");
      return;
    }
    if (empty(m.get("Priority"))) {
      error(s, id, "Priority not specified");
      return;
    }
    int pi = priority(ctx, exten, m.get("Priority"));
    if (pi < 1) {
      error(s, id, "Priority is invalid");
      return;
    }
    int pi2 = 0;
    if (!empty(chan2) && !empty(ctx2)) {
      if (empty(exten2)) {
        error(s, id, "ExtraExten not specified");
        return;
      }
      if (empty(m.get("ExtraPriority"))) {
        error(s, id, "ExtraPriority not specified");
        return;
      }
      pi2 = priority(ctx2, exten2, m.get("ExtraPriority"));
      if (pi2 < 1) {
        error(s, id, "ExtraPriority is invalid");
        return;
      }
    }
    Channel c = engine.channel(chan);
    if (c == null) {
      error(s, id, "Channel does not exist: " + chan);
      return;
    }
    if (c.isHungUp()) {
      error(s, id, "Redirect failed, channel not up.");
      return;
    }
    if (empty(chan2)) {
      success(s, id, "Redirect successful");
      engine.redirect(c, ctx, exten, pi);
      return;
    }
    Channel c2 = engine.channel(chan2);
    if (c2 == null) {
      error(s, id, "ExtraChannel does not exist: " + chan2);
      return;
    }
    if (empty(ctx2)) {
      // manager.c: without ExtraContext the extra channel goes to the same place as the first
      ctx2 = ctx;
      exten2 = exten;
      pi2 = pi;
    }
    success(s, id, "Dual Redirect successful");
    engine.redirectBoth(c, ctx, exten, pi, c2, ctx2, exten2, pi2);
  }

  /** A priority number, or a label looked up in the target extension (ast_findlabel_extension); -1 when neither. */
  private int priority(String ctx, String exten, String p) {
    String t = p.strip();
    if (t.matches("[+-]?\\d+")) {
      try {
        return Integer.parseInt(t);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return engine.dialplan().find(ctx, exten).map(e -> e.priorityOf(t)).orElse(-1);
  }

  private static boolean empty(String v) {
    return v == null || v.isEmpty();
  }

  /** main/features.c action_bridge (branch 22). */
  private void bridge(AmiSession s, AmiMessage m, String id) {
    String a = m.get("Channel1");
    String b = m.get("Channel2");
    if (empty(a) || empty(b)) {
      error(s, id, "Missing channel parameter in request");
      return;
    }
    // ast_channel_get_by_name_prefix: the first channel whose name starts with the text given
    Channel ca = engine.channelByPrefix(a);
    if (ca == null) {
      error(s, id, "Channel1 does not exist: " + a);
      return;
    }
    Channel cb = engine.channelByPrefix(b);
    if (cb == null) {
      error(s, id, "Channel2 does not exist: " + b);
      return;
    }
    if (ca == cb) {
      // bridge.c ast_bridge_add_channel: a channel cannot join the bridge it is already in
      error(s, id, "Unable to add Channel2 to bridge: " + cb.name());
      return;
    }
    success(s, id, "Channels have been bridged");
    engine.bridgeChannels(ca, cb);
  }

  /** main/manager.c action_atxfer (branch 22): the feature code must exist; the extension is not checked. */
  private void atxfer(AmiSession s, AmiMessage m, String id) {
    Channel c = transferringChannel(s, m, id);
    if (c != null) {
      answer(s, id, engine.attendedTransfer(c, m.get("Context"), m.get("Exten")), "Atxfer successfully queued");
    }
  }

  /** main/manager.c action_blind_transfer (branch 22). */
  private void blindTransfer(AmiSession s, AmiMessage m, String id) {
    Channel c = transferringChannel(s, m, id);
    if (c != null) {
      answer(s, id, engine.blindTransfer(c, m.get("Context"), m.get("Exten")), "Transfer succeeded");
    }
  }

  /**
   * The checks action_atxfer and action_blind_transfer both make, in Asterisk's order and words: a Channel, an
   * Exten, a channel that exists. Null (the error sent) when one fails.
   */
  private Channel transferringChannel(AmiSession s, AmiMessage m, String id) {
    if (empty(m.get("Channel"))) {
      error(s, id, "No channel specified");
      return null;
    }
    if (empty(m.get("Exten"))) {
      error(s, id, "No extension specified");
      return null;
    }
    Channel c = engine.channel(m.get("Channel"));
    if (c == null) {
      error(s, id, "Channel specified does not exist");
    }
    return c;
  }

  private void answer(AmiSession s, String id, String error, String success) {
    if (error != null) {
      error(s, id, error);
    } else {
      success(s, id, success);
    }
  }


  private void queueAdd(AmiSession s, AmiMessage m, String id) {
    String q = m.get("Queue");
    String iface = m.get("Interface");
    // manager_add_queue_member
    if (q == null || q.isEmpty()) {
      error(s, id, "'Queue' not specified.");
      return;
    }
    if (iface == null || iface.isEmpty()) {
      error(s, id, "'Interface' not specified.");
      return;
    }
    int penalty = 0;
    try {
      penalty = m.get("Penalty") == null || m.get("Penalty").isEmpty() ? 0 : Integer.parseInt(m.get("Penalty").trim());
    } catch (NumberFormatException ex) {
      penalty = 0;
    }
    if (penalty < 0) {
      penalty = 0;
    }
    String err = engine.queues().addMember(q, iface, m.get("MemberName"), m.get("StateInterface"), penalty,
        isTrue(m.get("Paused")), m.get("Reason"));
    if (err != null) {
      error(s, id, err);
    } else {
      success(s, id, "Added interface to queue");
    }
  }

  private void queueRemove(AmiSession s, AmiMessage m, String id) {
    String q = m.get("Queue");
    String iface = m.get("Interface");
    if (q == null || q.isEmpty() || iface == null || iface.isEmpty()) {
      error(s, id, "Need 'Queue' and 'Interface' parameters.");
      return;
    }
    String err = engine.queues().removeMember(q, iface);
    if (err != null) {
      error(s, id, err);
    } else {
      success(s, id, "Removed interface from queue");
    }
  }

  private void queuePause(AmiSession s, AmiMessage m, String id) {
    String iface = m.get("Interface");
    String paused = m.get("Paused");
    if (iface == null || iface.isEmpty() || paused == null || paused.isEmpty()) {
      error(s, id, "Need 'Interface' and 'Paused' parameters.");
      return;
    }
    boolean p = isTrue(paused);
    if (!engine.queues().pause(m.get("Queue"), iface, p, m.get("Reason"))) {
      error(s, id, "Interface not found");
      return;
    }
    success(s, id, p ? "Interface paused successfully" : "Interface unpaused successfully");
  }

  /** astman_send_listack, the items, astman_send_list_complete_start/end. */
  static void list(AmiSession s, String id, String message, String complete, List<AmiMessage> items) {
    s.send(AmiMessage.response("Success", id).add("EventList", "start").add("Message", message));
    for (AmiMessage item : items) {
      s.send(item);
    }
    s.send(new AmiMessage().add("Event", complete).addIf(id != null, "ActionID", id).add("EventList", "Complete")
        .add("ListItems", Integer.toString(items.size())));
  }

  private static String duration(long ms) {
    long sec = Math.max(0, ms / 1000);
    return String.format(Locale.ROOT, "%02d:%02d:%02d", sec / 3600, (sec / 60) % 60, sec % 60);
  }

  private List<AmiMessage> coreShow(String id) {
    List<AmiMessage> out = new ArrayList<>();
    long now = engine.clock().nowMs();
    List<Channel> chans = new ArrayList<>(engine.channels());
    java.util.Collections.reverse(chans);
    for (Channel c : chans) {
      AmiMessage e = new AmiMessage().add("Event", "CoreShowChannel").addIf(id != null, "ActionID", id);
      Events.channel(e, "", c.view());
      e.add("Application", engine.appOf(c)).add("ApplicationData", engine.appDataOf(c))
          .add("Duration", duration(now - engine.createdMs(c))).add("BridgeId", engine.bridgeIdOf(c));
      out.add(e);
    }
    return out;
  }

  private void status(AmiSession s, AmiMessage m, String id) {
    String chan = m.get("Channel");
    List<Channel> chans = new ArrayList<>();
    if (chan != null && !chan.isEmpty() && !chan.equalsIgnoreCase("all")) {
      Channel c = engine.channel(chan);
      if (c == null) {
        error(s, id, "No such channel");
        return;
      }
      chans.add(c);
    } else {
      chans.addAll(engine.channels());
    }
    long now = engine.clock().nowMs();
    List<AmiMessage> items = new ArrayList<>();
    for (Channel c : chans) {
      AmiMessage e = AmiMessage.event("Status", "Call");
      Events.channel(e, "", c.view());
      e.add("Type", engine.techOf(c)).add("DNID", "").add("EffectiveConnectedLineNum", Channel.UNKNOWN)
          .add("EffectiveConnectedLineName", Channel.UNKNOWN).add("TimeToHangup", "0")
          .add("BridgeID", engine.bridgeIdOf(c)).add("Application", engine.appOf(c))
          .add("Data", engine.appDataOf(c)).add("Nativeformats", "(ulaw)").add("Readformat", "ulaw")
          .add("Readtrans", "").add("Writeformat", "ulaw").add("Writetrans", "").add("Callgroup", "0")
          .add("Pickupgroup", "0").add("Seconds", Long.toString((now - engine.createdMs(c)) / 1000))
          .addIf(id != null, "ActionID", id);
      items.add(e);
    }
    s.send(AmiMessage.response("Success", id).add("EventList", "start").add("Message", "Channel status will follow"));
    items.forEach(s::send);
    s.send(new AmiMessage().add("Event", "StatusComplete").addIf(id != null, "ActionID", id)
        .add("EventList", "Complete").add("ListItems", Integer.toString(items.size()))
        .add("Items", Integer.toString(items.size())));
  }

  private void setvar(AmiSession s, AmiMessage m, String id) {
    String var = m.get("Variable");
    if (var == null || var.isEmpty()) {
      error(s, id, "No variable specified");
      return;
    }
    String value = m.get("Value");
    String chan = m.get("Channel");
    if (chan != null && !chan.isEmpty()) {
      Channel c = engine.channel(chan);
      if (c == null) {
        error(s, id, "No such channel");
        return;
      }
      engine.setVariable(c, var, value == null ? "" : value);
    } else {
      engine.setGlobal(var, value == null ? "" : value);
    }
    success(s, id, "Variable Set");
  }

  private void getvar(AmiSession s, AmiMessage m, String id) {
    String var = m.get("Variable");
    if (var == null || var.isEmpty()) {
      error(s, id, "No variable specified");
      return;
    }
    String chan = m.get("Channel");
    String value;
    if (chan != null && !chan.isEmpty()) {
      Channel c = engine.channel(chan);
      if (c == null) {
        error(s, id, "No such channel");
        return;
      }
      value = engine.vars(c).get(var);
    } else {
      value = engine.dialplan().globals().getOrDefault(var, "");
    }
    s.send(AmiMessage.response("Success", id).add("Variable", var).add("Value", value));
  }
}
