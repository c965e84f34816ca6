package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.DraftFromCall;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.hotline12345.contract.ChannelVariable;
import cn.hotline12345.contract.HotlineQueue;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Opens the draft matter when a call reaches an agent (issue 7 item 2): subscribed to the call updates,
 * it hands {@code AgentRinging} to {@link MatterService#openDraftFromCall}, which is idempotent per call, so
 * a call rung at several agents, or rung again after a reconnect, keeps one draft. A dropped call keeps it.
 */
public final class DraftOnRing implements Consumer<CallUpdate> {

    private static final Logger LOG = LoggerFactory.getLogger(DraftOnRing.class);

    private final MatterService matters;
    private final UnaryOperator<String> normaliseNumber;

    public DraftOnRing(MatterService matters, UnaryOperator<String> normaliseNumber) {
        this.matters = matters;
        this.normaliseNumber = normaliseNumber;
    }

    /**
     * The draft of a call reaching an agent: caller, IVR path, and the category the IVR's queue tells
     * (or {@code HOTLINE_CATEGORY} when the IVR set it). Shared with the screen pop, which opens the same
     * draft idempotently.
     */
    public static DraftFromCall draftFor(CallView v, String queue, String agent, java.time.Instant at,
                                         UnaryOperator<String> normaliseNumber) {
        String category = v.ivrVars().getOrDefault(ChannelVariable.CATEGORY,
                HotlineQueue.byId(queue).flatMap(HotlineQueue::category).orElse(null));
        return new DraftFromCall(v.key(), null, v.callerNumber(), normaliseNumber.apply(v.callerNumber()),
                v.callerName(), v.ivrPath(), category, agent, at);
    }

    @Override
    public void accept(CallUpdate update) {
        if (!(update instanceof CallUpdate.AgentRinging ringing)) {
            return;
        }
        CallView v = ringing.view();
        matters.openDraftFromCall(draftFor(v, ringing.queue(), ringing.agent(), ringing.at(), normaliseNumber))
                .onFailure(e -> LOG.warn("could not open the draft matter for call {}: {}", v.key(), e.getMessage()));
    }
}
