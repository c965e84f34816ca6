package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.cti.call.api.AgentActions;
import io.vertx.core.Future;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@link AgentActions} over AMI. Every value is checked against a strict shape before it is put into an
 * action (and {@link AmiAction} refuses control characters again at the last moment), so an agent's note
 * or a caller's name can never become a second action on the wire. Dialplan contexts used here are those
 * of docs/dialplan-contract.md.
 */
public final class AmiAgentActions implements AgentActions {

    private static final Pattern EXTENSION = Pattern.compile("[0-9]{3,6}");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,20}");
    private static final Pattern MEMBER_NAME = Pattern.compile("[\\p{L}\\p{N} ._-]{1,64}");
    private static final Set<String> EMERGENCY = Set.of("110", "119", "120", "122");
    private static final int MAX_REASON = 64;

    private final Map<String, PbxConnector> pbxs;
    private final Set<String> knownQueues;

    /**
     * @param knownQueues queue names agents may log in to or be transferred to (an allow-list); empty means
     *                    any well-formed name
     */
    public AmiAgentActions(Map<String, PbxConnector> pbxs, Set<String> knownQueues) {
        this.pbxs = Map.copyOf(pbxs);
        this.knownQueues = Set.copyOf(knownQueues);
    }

    @Override
    public Future<Void> login(String pbxId, String extension, String memberName, List<QueueLogin> queues) {
        return run(() -> {
            AmiLink link = link(pbxId);
            String iface = iface(extension);
            String name = memberName == null || memberName.isBlank() ? "Agent " + extension : check(MEMBER_NAME, "memberName", memberName);
            if (queues == null || queues.isEmpty()) {
                throw new IllegalArgumentException("queues: at least one queue is required");
            }
            for (QueueLogin q : queues) {
                queue(q.queue());
                if (q.penalty() < 0 || q.penalty() > 100) {
                    throw new IllegalArgumentException("penalty: must be 0..100, got " + q.penalty());
                }
            }
            Future<?> chain = Future.succeededFuture();
            for (QueueLogin q : queues) {
                // a second login (a refreshed page, a second tab) finds the member there: Asterisk answers
                // "Unable to add interface: Already there" (app_queue.c RES_EXISTS), which is what was wanted
                chain = chain.compose(x -> alreadySo(send(link, AmiAction.named("QueueAdd").header("Queue", q.queue())
                        .header("Interface", iface).header("StateInterface", iface).header("MemberName", name)
                        .header("Penalty", Integer.toString(q.penalty())).header("Paused", "false")), "Already there"));
            }
            return chain.mapEmpty();
        });
    }

    @Override
    public Future<Void> logout(String pbxId, String extension, List<String> queues) {
        return run(() -> {
            AmiLink link = link(pbxId);
            String iface = iface(extension);
            if (queues == null || queues.isEmpty()) {
                throw new IllegalArgumentException("queues: at least one queue is required");
            }
            queues.forEach(this::queue);
            Future<?> chain = Future.succeededFuture();
            for (String q : queues) {
                // "Unable to remove interface: Not there" (app_queue.c RES_NOSUCHQUEUE/RES_NOT_DYNAMIC aside): logged out
                chain = chain.compose(x -> alreadySo(send(link, AmiAction.named("QueueRemove").header("Queue", q)
                        .header("Interface", iface)), "Not there"));
            }
            return chain.mapEmpty();
        });
    }

    /** An error of Asterisk's that says the wanted state is already there counts as success. */
    private static <T> Future<?> alreadySo(Future<T> f, String message) {
        return f.recover(e -> e.getMessage() != null && e.getMessage().endsWith(message)
                ? Future.succeededFuture() : Future.failedFuture(e));
    }

    @Override
    public Future<Void> pause(String pbxId, String extension, String reason) {
        return run(() -> send(link(pbxId), AmiAction.named("QueuePause").header("Interface", iface(extension))
                .header("Paused", "true").header("Reason", reason(reason))));
    }

    @Override
    public Future<Void> unpause(String pbxId, String extension) {
        return run(() -> send(link(pbxId), AmiAction.named("QueuePause").header("Interface", iface(extension))
                .header("Paused", "false")));
    }

    @Override
    public Future<Void> dial(String pbxId, String extension, String number) {
        return run(() -> {
            String iface = iface(extension);
            String n = check(NUMBER, "number", number);
            return send(link(pbxId), AmiAction.named("Originate").header("Channel", iface)
                    .header("Context", "agent-outbound").header("Exten", n).header("Priority", "1")
                    .header("CallerID", extension).header("Timeout", "30000").header("Async", "true"));
        });
    }

    @Override
    public Future<Void> transfer(String pbxId, String extension, TransferTarget target, boolean attended) {
        return run(() -> {
            PbxConnector pbx = connector(pbxId);
            String iface = iface(extension);
            if (target == null || target.kind() == null) {
                throw new IllegalArgumentException("target: required");
            }
            String context;
            String exten;
            switch (target.kind()) {
                case AGENT -> {
                    context = "agents";
                    exten = check(EXTENSION, "target", target.value());
                }
                case QUEUE -> {
                    context = "queue-transfer";
                    exten = queue(target.value());
                }
                case EMERGENCY -> {
                    if (!EMERGENCY.contains(target.value())) {
                        throw new IllegalArgumentException("target: emergency numbers are 110, 119, 120 and 122");
                    }
                    context = "transfer-out";
                    exten = target.value();
                }
                default -> {
                    context = "transfer-out";
                    exten = check(NUMBER, "target", target.value());
                }
            }
            String ctx = context;
            String ext = exten;
            return channelsOf(pbx, iface).compose(channels -> {
                if (channels.size() < 2) {
                    return Future.failedFuture(new IllegalArgumentException("extension " + extension + " has no call to transfer"));
                }
                String callerChannel = channels.get(0);
                String agentChannel = channels.get(channels.size() - 1);
                AmiAction action = attended
                        ? AmiAction.named("Atxfer").header("Channel", agentChannel).header("Exten", ext).header("Context", ctx)
                        : AmiAction.named("Redirect").header("Channel", callerChannel).header("Exten", ext)
                        .header("Context", ctx).header("Priority", "1");
                return send(pbx.link(), action);
            });
        });
    }

    @Override
    public Future<Void> hold(String pbxId, String extension, boolean on) {
        return run(() -> {
            PbxConnector pbx = connector(pbxId);
            String iface = iface(extension);
            return channelsOf(pbx, iface).compose(channels -> {
                if (channels.size() < 2) {
                    return Future.failedFuture(new IllegalArgumentException("extension " + extension + " has no call to hold"));
                }
                // The caller's leg goes to music on hold; taking it back bridges it to the agent again.
                AmiAction action = on
                        ? AmiAction.named("Redirect").header("Channel", channels.get(0)).header("Context", "hold")
                        .header("Exten", "s").header("Priority", "1")
                        : AmiAction.named("Bridge").header("Channel1", channels.get(channels.size() - 1))
                        .header("Channel2", channels.get(0));
                return send(pbx.link(), action);
            });
        });
    }

    @Override
    public Future<Void> hangup(String pbxId, String extension) {
        return run(() -> {
            PbxConnector pbx = connector(pbxId);
            String iface = iface(extension);
            return channelsOf(pbx, iface).compose(channels -> {
                if (channels.isEmpty()) {
                    return Future.failedFuture(new IllegalArgumentException("extension " + extension + " has no call to hang up"));
                }
                // Hang up the agent's leg: the caller continues in the dialplan to the satisfaction survey.
                return send(pbx.link(), AmiAction.named("Hangup").header("Channel", channels.get(channels.size() - 1))
                        .header("Cause", "16"));
            });
        });
    }

    /** The tracker is confined to its link's event loop: read it there. */
    private static Future<List<String>> channelsOf(PbxConnector pbx, String iface) {
        io.vertx.core.Promise<List<String>> p = io.vertx.core.Promise.promise();
        pbx.link().context().runOnContext(v -> p.complete(pbx.tracker().channelsOfAgentCall(iface)));
        return p.future();
    }

    private Future<Void> send(AmiLink link, AmiAction action) {
        return link.send(action).<Void>mapEmpty()
                .recover(e -> Future.failedFuture(new ActionFailedException(e.getMessage())));
    }

    private static Future<Void> run(java.util.function.Supplier<Future<Void>> body) {
        try {
            return body.get();
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
    }

    private PbxConnector connector(String pbxId) {
        PbxConnector c = pbxId == null ? null : pbxs.get(pbxId);
        if (c == null) {
            throw new IllegalArgumentException("pbx: unknown PBX '" + printable(pbxId) + "'");
        }
        return c;
    }

    private AmiLink link(String pbxId) {
        return connector(pbxId).link();
    }

    private static String iface(String extension) {
        return "PJSIP/" + check(EXTENSION, "extension", extension);
    }

    private String queue(String name) {
        check(QUEUE, "queue", name);
        if (!knownQueues.isEmpty() && !knownQueues.contains(name)) {
            throw new IllegalArgumentException("queue: unknown queue '" + name + "'");
        }
        return name;
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: required");
        }
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason: longer than " + MAX_REASON + " characters");
        }
        for (int i = 0; i < reason.length(); i++) {
            if (Character.isISOControl(reason.charAt(i)) || reason.charAt(i) == '\u2028' || reason.charAt(i) == '\u2029') {
                throw new IllegalArgumentException("reason: control characters are not allowed");
            }
        }
        return reason;
    }

    private static String check(Pattern p, String field, String value) {
        if (value == null || !p.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": invalid value " + printable(value));
        }
        return value;
    }

    private static String printable(String s) {
        if (s == null) {
            return "(missing)";
        }
        String cut = s.length() > 32 ? s.substring(0, 32) + "..." : s;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
