package cn.hotline12345.pbxsim.ami;

import cn.hotline12345.pbxsim.engine.Channel;
import cn.hotline12345.pbxsim.engine.Engine;
import cn.hotline12345.pbxsim.engine.Events;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only actions of the server's resynchronisation and health probe, with Asterisk 22's exact replies:
 * CoreStatus and CoreSettings ({@code action_corestatus}, {@code action_coresettings} in main/manager.c), BridgeList
 * and BridgeInfo ({@code manager_bridges_list}, {@code manager_bridge_info} in main/manager_bridges.c).
 */
final class AmiStatusActions {
  /** The version string this simulated Asterisk reports in CoreSettings. */
  static final String ASTERISK_VERSION = "22.10.0";
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final Engine engine;
  private final AmiServer server;

  AmiStatusActions(Engine engine, AmiServer server) {
    this.engine = engine;
    this.server = server;
  }

  /**
   * <pre>
   * "Response: Success\r\n" "%s" (ActionID) "CoreStartupDate: %s\r\n" "CoreStartupTime: %s\r\n"
   * "CoreReloadDate: %s\r\n" "CoreReloadTime: %s\r\n" "CoreCurrentCalls: %d\r\n" "CoreProcessedCalls: %d\r\n"
   * </pre>
   * in local time ({@code ast_localtime(..., NULL)}); CoreCurrentCalls is {@code ast_active_channels()}, a count of
   * channels, not calls.
   */
  void coreStatus(AmiSession s, AmiMessage m, String id) {
    long nowMs = engine.clock().nowMs();
    Instant start = Instant.ofEpochMilli(nowMs - engine.uptimeSec() * 1000L);
    var local = start.atZone(ZoneId.systemDefault());
    s.send(AmiMessage.response("Success", id).add("CoreStartupDate", DATE.format(local))
        .add("CoreStartupTime", TIME.format(local)).add("CoreReloadDate", DATE.format(local))
        .add("CoreReloadTime", TIME.format(local)).add("CoreCurrentCalls", Integer.toString(engine.channels().size()))
        .add("CoreProcessedCalls", Long.toString(engine.callsStarted())));
  }

  /**
   * <pre>
   * "Response: Success\r\n" "%s" "AMIversion: %s\r\n" "AsteriskVersion: %s\r\n" "SystemName: %s\r\n"
   * "CoreMaxCalls: %d\r\n" "CoreMaxLoadAvg: %f\r\n" "CoreRunUser: %s\r\n" "CoreRunGroup: %s\r\n"
   * "CoreMaxFilehandles: %d\r\n" "CoreRealTimeEnabled: %s\r\n" "CoreCDRenabled: %s\r\n" "CoreHTTPenabled: %s\r\n"
   * "SoundsSearchCustomDir: %s\r\n"
   * </pre>
   * CoreHTTPenabled is {@code ast_webmanager_check_enabled()}: webenabled and enabled in manager.conf (the sim
   * serves no HTTP manager, so No).
   */
  void coreSettings(AmiSession s, AmiMessage m, String id) {
    s.send(AmiMessage.response("Success", id).add("AMIversion", "11.0.0").add("AsteriskVersion", ASTERISK_VERSION)
        .add("SystemName", "").add("CoreMaxCalls", "0").add("CoreMaxLoadAvg", "0.000000").add("CoreRunUser", "")
        .add("CoreRunGroup", "").add("CoreMaxFilehandles", "0").add("CoreRealTimeEnabled", "No")
        .add("CoreCDRenabled", "Yes").add("CoreHTTPenabled", "No").add("SoundsSearchCustomDir", "No"));
  }

  /** Live bridges (by their BridgeUniqueid) and their channels, in the order the channels joined. */
  private Map<String, List<Channel>> bridges() {
    Map<String, List<Channel>> out = new LinkedHashMap<>();
    for (Channel c : engine.channels()) {
      String b = engine.bridgeIdOf(c);
      if (b != null && !b.isEmpty()) {
        out.computeIfAbsent(b, k -> new ArrayList<>()).add(c);
      }
    }
    return out;
  }

  /** ast_manager_build_bridge_state_string: the seven Bridge* headers of a basic two-party bridge. */
  private static AmiMessage bridgeState(AmiMessage m, String id, int channels) {
    return m.add("BridgeUniqueid", id).add("BridgeType", "basic").add("BridgeTechnology", "simple_bridge")
        .add("BridgeCreator", Channel.UNKNOWN).add("BridgeName", Channel.UNKNOWN)
        .add("BridgeNumChannels", Integer.toString(channels)).add("BridgeVideoSourceMode", "none");
  }

  /**
   * manager_bridges_list: "Bridge listing will follow", one {@code BridgeListItem} per bridge ({@code Event},
   * {@code ActionID}, then the bridge state), {@code BridgeListComplete}. Its {@code BridgeType} header filters on
   * the bridge's technology ({@code strcmp(list_data->type_filter, snapshot->technology)}), so {@code basic} lists
   * nothing and {@code simple_bridge} lists the two-party bridges.
   */
  void bridgeList(AmiSession s, AmiMessage m, String id) {
    String type = m.get("BridgeType");
    List<AmiMessage> items = new ArrayList<>();
    for (Map.Entry<String, List<Channel>> b : bridges().entrySet()) {
      if (type != null && !type.isEmpty() && !type.equals("simple_bridge")) {
        continue;
      }
      AmiMessage e = new AmiMessage().add("Event", "BridgeListItem").addIf(id != null, "ActionID", id);
      items.add(bridgeState(e, b.getKey(), b.getValue().size()));
    }
    AmiActions.list(s, id, "Bridge listing will follow", "BridgeListComplete", items);
  }

  /**
   * manager_bridge_info: "BridgeUniqueid must be provided" / "Specified BridgeUniqueid not found", else "Bridge
   * channel listing will follow", one {@code BridgeInfoChannel} per channel (ActionID, then the channel's 14
   * snapshot headers), and {@code BridgeInfoComplete} with EventList and ListItems followed by the bridge state.
   */
  void bridgeInfo(AmiSession s, AmiMessage m, String id) {
    String bid = m.get("BridgeUniqueid");
    if (bid == null || bid.isEmpty()) {
      s.send(AmiMessage.response("Error", id).add("Message", "BridgeUniqueid must be provided"));
      return;
    }
    List<Channel> members = bridges().get(bid);
    if (members == null) {
      s.send(AmiMessage.response("Error", id).add("Message", "Specified BridgeUniqueid not found"));
      return;
    }
    s.send(AmiMessage.response("Success", id).add("EventList", "start")
        .add("Message", "Bridge channel listing will follow"));
    for (Channel c : members) {
      AmiMessage e = new AmiMessage().add("Event", "BridgeInfoChannel").addIf(id != null, "ActionID", id);
      s.send(Events.channel(e, "", c.view()));
    }
    AmiMessage done = new AmiMessage().add("Event", "BridgeInfoComplete").addIf(id != null, "ActionID", id)
        .add("EventList", "Complete").add("ListItems", Integer.toString(members.size()));
    s.send(bridgeState(done, bid, members.size()));
  }
}
