package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The wallboard's whole picture at one instant: sent on connect and whenever it changes (at most once a
 * second).
 *
 * @param agentsByState number of agents per state name
 * @param callsPerHour  24 counters: calls started today in each hour (local time of the hotline): every call that
 *                      reached the hotline, also those that ended in the IVR and never entered a queue
 * @param links         each configured PBX's AMI link
 */
public record QueueBoard(Instant at, List<QueueLine> queues, Map<String, Integer> agentsByState,
                         List<Integer> callsPerHour, List<Alarm> alarms, List<PbxLink> links) implements WsMessage {

    public static final String TYPE = "queue_board";

    public QueueBoard {
        queues = List.copyOf(queues);
        agentsByState = Map.copyOf(agentsByState);
        callsPerHour = List.copyOf(callsPerHour);
        alarms = List.copyOf(alarms);
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** A board without link states. */
    public QueueBoard(Instant at, List<QueueLine> queues, Map<String, Integer> agentsByState,
                      List<Integer> callsPerHour, List<Alarm> alarms) {
        this(at, queues, agentsByState, callsPerHour, alarms, List.of());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        JsonObject states = new JsonObject();
        agentsByState.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> states.put(e.getKey(), e.getValue()));
        return new JsonObject().put("at", Fields.iso(at)).put("queues", Fields.array(queues, QueueLine::toJson))
                .put("agentsByState", states).put("callsPerHour", Fields.array(callsPerHour, i -> i))
                .put("alarms", Fields.array(alarms, Alarm::toJson)).put("links", Fields.array(links, PbxLink::toJson));
    }

    public static QueueBoard fromJson(JsonObject o) {
        List<Integer> hours = new java.util.ArrayList<>();
        for (Object v : Fields.arr(o, "callsPerHour")) {
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException("field 'callsPerHour': expected integers");
            }
            hours.add(n.intValue());
        }
        return new QueueBoard(Fields.instant(o, "at"), Fields.objects(o, "queues", QueueLine::fromJson),
                Fields.intMap(o, "agentsByState"), hours, Fields.objects(o, "alarms", Alarm::fromJson),
                o.getValue("links") == null ? List.of() : Fields.objects(o, "links", PbxLink::fromJson));
    }
}
