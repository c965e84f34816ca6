package cn.hotline12345.cti.monitor.internal;

import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.monitor.api.MonitorMode;
import cn.hotline12345.cti.monitor.api.MonitorPort;
import cn.hotline12345.cti.monitor.api.MonitorRefusal;
import cn.hotline12345.cti.monitor.api.MonitorSession;
import cn.hotline12345.cti.monitor.api.MonitorSession.State;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.error.Refusal.Kind;
import cn.hotline12345.cti.privacy.api.AuditEntry;
import cn.hotline12345.cti.privacy.api.StaffRole;
import cn.hotline12345.cti.telephony.ami.AmiAction;
import cn.hotline12345.cti.telephony.ami.AmiMessage;
import cn.hotline12345.cti.telephony.ami.PbxConnector;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link MonitorPort} on the node that runs the PBX's AMI link. A start finds the agent's answered call in the PBX's
 * tracker, refuses a whistle-blower's confidential matter to a supervisor without the unmask right (art. 11, 13),
 * writes the audit entry, then originates the supervisor's phone into {@code ChanSpy(PJSIP/<agent>-,<options>)}.
 * The trailing '-' matters: ChanSpy takes a name prefix ({@code ast_channel_iterator_by_name_new(spec, strlen(spec))}),
 * and {@code PJSIP/1001} alone would also match {@code PJSIP/10010-...}. What follows is read from the link's events:
 * {@code OriginateResponse} (by ActionID), {@code ChanSpyStart}/{@code ChanSpyStop} and {@code Hangup} (by the
 * supervisor's channel); the failure and the end are audited too.
 */
public final class MonitorService implements MonitorPort {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorService.class);
    static final Pattern EXTENSION = Pattern.compile("[0-9]{3,8}");
    static final Pattern LINKEDID = Pattern.compile("[0-9]{1,20}\\.[0-9]{1,10}");
    /** The agent's interface as the tracker knows it: a PJSIP phone, or the Local member of docs/dialplan-contract.md. */
    private static final Pattern AGENT = Pattern.compile("(?:PJSIP/|Local/)([0-9]{3,8})(?:@agents(?:/n)?)?");
    /** Asterisk gives up ringing after the Originate's Timeout (30 s); a lost OriginateResponse ends it here. */
    private static final long GIVE_UP_MS = 45_000;

    private final Db db;
    private final Map<String, PbxConnector> pbxs;
    private final Clock clock;
    private final MonitorRepository repository = new MonitorRepository();
    /** The latest session of each supervisor (live or not). */
    private final Map<String, Live> bySupervisor = new ConcurrentHashMap<>();
    private final Map<String, Live> byActionId = new ConcurrentHashMap<>();

    public MonitorService(Db db, Map<String, PbxConnector> pbxs, Clock clock) {
        this.db = db;
        this.pbxs = Map.copyOf(pbxs);
        this.clock = clock;
        this.pbxs.values().forEach(p -> p.addTap(m -> onEvent(p, m)));
    }

    // ------------------------------------------------------------------ start

    @Override
    public Future<MonitorSession> start(Request r) {
        PbxConnector pbx;
        try {
            check(r);
            pbx = r.pbxId() == null ? null : pbxs.get(r.pbxId());
            if (pbx == null) {
                throw new MonitorRefusal(Kind.INVALID, "bad_request", "未知的交换机：" + r.pbxId());
            }
        } catch (MonitorRefusal e) {
            return Future.failedFuture(e);
        }
        return pbx.onLoop(() -> reserve(pbx, r)).compose(l -> db.query(dsl -> repository.matterOfCall(dsl,
                        l.pbxId, l.linkedid))
                .recover(e -> failed(pbx, l, "无法核对该通话关联的事项，未发起监听", e))
                .compose(matter -> {
                    l.matterId = matter.map(MonitorRepository.CallMatter::id).orElse(null);
                    boolean confidential = matter.isPresent() && matter.get().confidential();
                    // ReporterVisibility: a confidential reporter is seen only by supervisors with the unmask right
                    if (confidential && !(r.by().role() == StaffRole.SUPERVISOR && r.by().canUnmask())) {
                        String why = "该通话关联的事项为保密举报（举报人要求保密），您没有查看保密信息的权限，不能"
                                + r.mode().label();
                        // refused whether or not the audit write succeeds; a lost refusal entry is logged as an error
                        return pbx.onLoop(() -> l.end(State.FAILED, why, clock))
                                .compose(x -> audit(l, "refused", why))
                                .transform(ar -> {
                                    if (ar.failed()) {
                                        LOG.error("monitor {}: the refusal was NOT audited: {}", l.id, ar.cause().toString());
                                    }
                                    return Future.<MonitorSession>failedFuture(
                                            new MonitorRefusal(Kind.FORBIDDEN, "confidential", why));
                                });
                    }
                    // the audit entry is committed before the phone rings (as Unmasker does before a number is shown)
                    return audit(l, "started", null)
                            .recover(e -> failed(pbx, l, "无法写入审计日志，未发起监听", e))
                            .compose(x -> originate(pbx, l));
                }));
    }

    private static void check(Request r) {
        if (r.mode() == null) {
            throw new MonitorRefusal(Kind.INVALID, "bad_request", "请选择监听方式：监听、耳语或强插");
        }
        if (r.phone() == null || !EXTENSION.matcher(r.phone()).matches()) {
            throw new MonitorRefusal(Kind.CONFLICT, "no_extension", "您的账号没有分机，无法接听监听电话：请管理员为您设置分机");
        }
        boolean byAgent = r.agent() != null;
        boolean byCall = r.linkedid() != null;
        if (byAgent == byCall) {
            throw new MonitorRefusal(Kind.INVALID, "bad_request", "请指定要监听的坐席分机或通话（二者选一）");
        }
        if (byAgent && !EXTENSION.matcher(r.agent()).matches()) {
            throw new MonitorRefusal(Kind.INVALID, "bad_request", "坐席分机格式不正确");
        }
        if (byCall && !LINKEDID.matcher(r.linkedid()).matches()) {
            throw new MonitorRefusal(Kind.INVALID, "bad_request", "通话编号格式不正确");
        }
    }

    /** On the link's loop: the supervisor is free, the agent is in an answered call; the session is reserved. */
    private Live reserve(PbxConnector pbx, Request r) {
        Live cur = bySupervisor.get(r.by().username());
        if (cur != null && cur.state.live()) {
            throw new MonitorRefusal(Kind.CONFLICT, "already_monitoring", "您正在" + cur.mode.label() + "坐席 " + cur.agent
                    + " 的通话，请先结束监听");
        }
        CallView call = null;
        String agent = null;
        for (CallView v : pbx.tracker().activeCalls()) {
            Matcher m = v.agent() == null || v.answeredAt() == null ? null : AGENT.matcher(v.agent());
            // the agent's own channel must still be up: an agent who hung up leaves the caller in the survey
            if (m == null || !m.matches() || !pbx.tracker().hasLiveChannel(v.key().linkedid(), "PJSIP/" + m.group(1) + "-")) {
                continue;
            }
            if (r.agent() != null ? m.group(1).equals(r.agent()) : v.key().linkedid().equals(r.linkedid())) {
                call = v;
                agent = m.group(1);
                break;
            }
        }
        if (call == null) {
            throw new MonitorRefusal(Kind.CONFLICT, "not_on_call", r.agent() != null ? "坐席 " + r.agent()
                    + " 当前没有已接通的通话，无法" + r.mode().label() : "该通话已结束或尚未接通，无法" + r.mode().label());
        }
        if (agent.equals(r.phone())) {
            throw new MonitorRefusal(Kind.CONFLICT, "own_call", "不能监听自己的通话");
        }
        Live l = new Live(UUID.randomUUID().toString(), pbx.pbxId(), r, agent, call.key().linkedid(), clock);
        bySupervisor.put(r.by().username(), l);
        return l;
    }

    private Future<MonitorSession> originate(PbxConnector pbx, Live l) {
        AmiAction action = AmiAction.named("Originate").header("Channel", "PJSIP/" + l.phone)
                .header("Application", "ChanSpy").header("Data", "PJSIP/" + l.agent + "-," + l.mode.chanSpyOptions())
                .header("CallerID", "\"" + l.mode.label() + " " + l.agent + "\" <" + l.agent + ">")
                .header("Timeout", "30000").header("Async", "true");
        // the ActionID is known as the answer is read, before the OriginateResponse that carries it
        return pbx.sendThen(action, resp -> {
            if (resp.actionId() != null) {
                byActionId.put(resp.actionId(), l);
            }
        }).compose(resp -> {
            pbx.link().context().owner().setTimer(GIVE_UP_MS, t -> pbx.link().context().runOnContext(v -> {
                if (l.state == State.CALLING) {
                    byActionId.values().remove(l);
                    fail(pbx, l, "您的电话未能接通（交换机没有回应）");
                }
            }));
            LOG.info("monitor {}: {} {} agent {} on {} (call {}), phone {}", l.id, l.supervisor, l.mode.wire(), l.agent,
                    l.pbxId, l.linkedid, l.phone);
            return Future.succeededFuture(l.snapshot());
        }, e -> failed(pbx, l, "交换机拒绝了监听请求：" + e.getMessage(), e));
    }

    /** Ends a session that could not start, audits it, and fails with the PBX's refusal. */
    private <T> Future<T> failed(PbxConnector pbx, Live l, String why, Throwable cause) {
        LOG.warn("monitor {}: {} ({})", l.id, why, cause.toString());
        return pbx.onLoop(() -> l.end(State.FAILED, why, clock)).compose(x -> audit(l, "failed", why).otherwiseEmpty())
                .compose(x -> Future.failedFuture(MonitorRefusal.pbx(why)));
    }

    // ------------------------------------------------------------------ stop, current

    @Override
    public Future<Optional<MonitorSession>> stop(String supervisor, String pbxId) {
        PbxConnector pbx = pbxId == null ? null : pbxs.get(pbxId);
        Live l = supervisor == null ? null : bySupervisor.get(supervisor);
        if (pbx == null || l == null || !l.pbxId.equals(pbxId)) {
            return Future.succeededFuture(Optional.empty());
        }
        // on the loop: live or not, and the channel to hang up ("" while the phone still rings)
        return pbx.onLoop(() -> {
            if (!l.state.live()) {
                return Optional.<String>empty();
            }
            l.stopRequested = true;
            return Optional.of(l.channel == null ? "" : l.channel);
        }).compose(channel -> {
            if (channel.isEmpty()) {
                return Future.succeededFuture(Optional.<MonitorSession>empty());
            }
            if (channel.get().isEmpty()) {
                // still ringing: OriginateResponse will find stopRequested and hang the phone up at once
                return Future.succeededFuture(Optional.of(l.snapshot()));
            }
            // the session may already read ENDED here: the Hangup event can be read before the action's answer
            return pbx.link().send(AmiAction.named("Hangup").header("Channel", channel.get()).header("Cause", "16"))
                    .map(x -> Optional.of(l.snapshot()))
                    .recover(e -> Future.failedFuture(MonitorRefusal.pbx("结束监听失败：" + e.getMessage())));
        });
    }

    @Override
    public Future<Optional<MonitorSession>> current(String supervisor, String pbxId) {
        Live l = supervisor == null ? null : bySupervisor.get(supervisor);
        return Future.succeededFuture(l == null || !l.pbxId.equals(pbxId) ? Optional.empty() : Optional.of(l.snapshot()));
    }

    // ------------------------------------------------------------------ the link's events

    /** On the link's event loop: only state changes and hand-overs. */
    private void onEvent(PbxConnector pbx, AmiMessage m) {
        String ev = m.event();
        if (ev == null) {
            return;
        }
        switch (ev) {
            case "OriginateResponse" -> {
                Live l = m.actionId() == null ? null : byActionId.remove(m.actionId());
                if (l == null) {
                    return;
                }
                if ("Success".equalsIgnoreCase(m.get("Response", ""))) {
                    if (l.channel == null) {
                        l.channel = m.get("Channel");
                    }
                    if (l.state == State.CALLING) {
                        l.state = State.CONNECTED;
                    }
                    if (l.stopRequested && l.channel != null) {
                        pbx.link().send(AmiAction.named("Hangup").header("Channel", l.channel).header("Cause", "16"))
                                .onFailure(e -> LOG.warn("monitor {}: hangup after stop failed: {}", l.id, e.getMessage()));
                    }
                } else {
                    fail(pbx, l, reasonText(m.get("Reason", ""), l.phone));
                }
            }
            case "ChanSpyStart" -> spyer(pbx, m.get("SpyerChannel")).ifPresent(l -> {
                l.state = State.SPYING;
                l.spyee = m.get("SpyeeChannel");
            });
            case "ChanSpyStop" -> spyer(pbx, m.get("SpyerChannel")).ifPresent(l -> {
                if (l.state == State.SPYING) {
                    l.state = State.CONNECTED;
                }
            });
            case "Hangup" -> spyer(pbx, m.get("Channel")).ifPresent(l -> {
                byActionId.values().remove(l);
                boolean failed = l.state == State.CALLING;
                l.end(failed ? State.FAILED : State.ENDED, failed ? "您的电话已挂断" : null, clock);
                audit(l, failed ? "failed" : "ended", l.stopRequested ? "stopped by the supervisor" : null)
                        .onFailure(e -> LOG.error("monitor {}: the end was NOT audited: {}", l.id, e.toString()));
            });
            default -> {
            }
        }
    }

    /** The live session whose ChanSpy channel this is (before OriginateResponse: the phone's first channel). */
    private Optional<Live> spyer(PbxConnector pbx, String channel) {
        if (channel == null) {
            return Optional.empty();
        }
        for (Live l : bySupervisor.values()) {
            if (!l.state.live() || !l.pbxId.equals(pbx.pbxId())) {
                continue;
            }
            if (channel.equals(l.channel)) {
                return Optional.of(l);
            }
            if (l.channel == null && channel.startsWith("PJSIP/" + l.phone + "-")) {
                l.channel = channel;
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    private void fail(PbxConnector pbx, Live l, String why) {
        l.end(State.FAILED, why, clock);
        audit(l, "failed", why).onFailure(e -> LOG.error("monitor {}: the failure was NOT audited: {}", l.id, e.toString()));
    }

    /** OriginateResponse's Reason: the AST_CONTROL_* of pbx.c pbx_dial_reason. */
    static String reasonText(String reason, String phone) {
        return switch (reason) {
            case "5" -> "您的电话（分机 " + phone + "）占线，监听未接通";
            case "3" -> "您的电话（分机 " + phone + "）无人接听，监听未接通";
            case "1" -> "您的电话（分机 " + phone + "）已挂断，监听未接通";
            case "8" -> "线路拥塞，无法呼叫您的电话（分机 " + phone + "）";
            default -> "无法呼叫您的电话（分机 " + phone + "）：话机未注册或不存在";
        };
    }

    // ------------------------------------------------------------------ audit

    private Future<Long> audit(Live l, String outcome, String why) {
        Map<String, String> d = new TreeMap<>();
        d.put("outcome", outcome);
        d.put("mode", l.mode.wire());
        d.put("agent", l.agent);
        d.put("pbx", l.pbxId);
        d.put("linkedid", l.linkedid);
        d.put("matter", l.matterId == null ? "" : Long.toString(l.matterId));
        d.put("phone", l.phone);
        d.put("role", l.role.name());
        d.put("session", l.id);
        if (why != null) {
            d.put("why", why);
        }
        AuditEntry e = AuditEntry.of(clock.instant(), l.supervisor, "monitor", "call:" + l.pbxId + "/" + l.linkedid,
                l.mode.label() + " 坐席 " + l.agent, d);
        return db.query(dsl -> repository.audit(dsl, e));
    }

    /** A session as it changes; written on its link's loop, read anywhere. */
    private static final class Live {
        final String id;
        final String pbxId;
        final String supervisor;
        final StaffRole role;
        final String phone;
        final String agent;
        final String linkedid;
        final MonitorMode mode;
        final java.time.Instant startedAt;
        volatile Long matterId;
        volatile State state = State.CALLING;
        volatile String channel;
        volatile String spyee;
        volatile boolean stopRequested;
        volatile java.time.Instant endedAt;
        volatile String error;

        Live(String id, String pbxId, Request r, String agent, String linkedid, Clock clock) {
            this.id = id;
            this.pbxId = pbxId;
            this.supervisor = r.by().username();
            this.role = r.by().role();
            this.phone = r.phone();
            this.agent = agent;
            this.linkedid = linkedid;
            this.mode = r.mode();
            this.startedAt = clock.instant();
        }

        Live end(State s, String why, Clock clock) {
            if (state.live()) {
                state = s;
                error = why;
                endedAt = clock.instant();
            }
            return this;
        }

        MonitorSession snapshot() {
            return new MonitorSession(id, pbxId, supervisor, phone, agent, linkedid, matterId, mode, state, startedAt,
                    endedAt, error);
        }
    }
}
