package cn.hotline12345.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The queues of the hotline (队列), as {@code queues.conf} defines them, the IVR's flows route to them and the
 * server's wallboard names them. One list: {@code docker/asterisk/queues.conf}, pbx-sim's default queues, the IVR
 * flows and the server are tested against it.
 *
 * <p>{@code category} is the matter category (docs/matters-api.md) a call reaching an agent through this queue
 * starts its draft matter with; {@code null} where the queue says nothing about the matter.
 */
public enum HotlineQueue {
    GENERAL("q-general", "综合咨询", null),
    CONSULT("q-consult", "政策咨询", "consultation"),
    HELP("q-help", "求助服务", "help"),
    SUGGEST("q-suggest", "意见建议", "suggestion"),
    COMPLAINT("q-complaint", "投诉举报", "complaint"),
    OVERFLOW("q-overflow", "溢出备援", null),
    SPECIAL("q-special", "专席服务", null);

    /** The operator queue: the fallback of every flow and of the dialplan (art. 17: never a dead end). */
    public static final HotlineQueue OPERATOR = GENERAL;

    private final String id;
    private final String displayName;
    private final String category;

    HotlineQueue(String id, String displayName, String category) {
        this.id = id;
        this.displayName = displayName;
        this.category = category;
    }

    /** The Asterisk queue name ({@code [q-general]} in queues.conf). */
    public String id() {
        return id;
    }

    /** What supervisors and agents read (the wallboard, the console). */
    public String displayName() {
        return displayName;
    }

    /** The matter category a call through this queue suggests, if any. */
    public Optional<String> category() {
        return Optional.ofNullable(category);
    }

    public static Optional<HotlineQueue> byId(String id) {
        return Arrays.stream(values()).filter(q -> q.id.equals(id)).findFirst();
    }

    /** The display name of a queue id; the id itself for a queue outside the contract. */
    public static String displayNameOf(String id) {
        return byId(id).map(HotlineQueue::displayName).orElse(id);
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(HotlineQueue::id).toList();
    }
}
