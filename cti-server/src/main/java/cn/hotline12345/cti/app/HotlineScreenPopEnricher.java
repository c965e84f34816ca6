package cn.hotline12345.cti.app;

import cn.hotline12345.cti.call.CallView;
import cn.hotline12345.cti.matter.DraftFromCall;
import cn.hotline12345.cti.matter.Matter;
import cn.hotline12345.cti.matter.MatterService;
import cn.hotline12345.cti.matter.MatterSummary;
import cn.hotline12345.cti.web.auth.Principal;
import cn.hotline12345.cti.web.ws.DefaultScreenPopEnricher;
import cn.hotline12345.cti.web.ws.PopDetails;
import cn.hotline12345.cti.web.ws.ScreenPopEnricher;
import cn.hotline12345.softphone.ws.DraftMatter;
import cn.hotline12345.softphone.ws.EarlierMatter;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The screen pop's story of the caller: the draft matter of this call (opened idempotently, the same one
 * {@link cn.hotline12345.cti.matter.DraftOnRing} opens), the caller's open matters, and the repeat reasons
 * they imply, on top of what the IVR flagged. Confidential matters of others never reach here: the matters
 * are looked up by the caller's own number.
 */
final class HotlineScreenPopEnricher implements ScreenPopEnricher {

    private static final Map<String, String> CATEGORY_BY_QUEUE = Map.of(
            "q-consult", "consultation", "q-help", "help", "q-suggest", "suggestion", "q-complaint", "complaint");

    private final MatterService matters;
    private final UnaryOperator<String> normalise;

    HotlineScreenPopEnricher(MatterService matters, UnaryOperator<String> normalise) {
        this.matters = matters;
        this.normalise = normalise;
    }

    @Override
    public Future<PopDetails> enrich(CallView view, Principal viewer) {
        PopDetails base = DefaultScreenPopEnricher.fromView(view);
        String norm = normalise.apply(view.callerNumber());
        String category = view.ivrVars().getOrDefault("HOTLINE_CATEGORY", CATEGORY_BY_QUEUE.get(view.queue()));
        Future<Matter> draft = matters.openDraftFromCall(new DraftFromCall(view.key(), null, view.callerNumber(), norm,
                view.callerName(), view.ivrPath(), category, viewer.extension() == null ? viewer.username()
                : "PJSIP/" + viewer.extension(), view.queueJoinedAt() == null ? view.startedAt() : view.queueJoinedAt()));
        Future<List<MatterSummary>> open = norm.isEmpty() ? Future.succeededFuture(List.of()) : matters.openMattersFor(norm);
        return Future.all(draft, open).map(x -> {
            Matter d = draft.result();
            List<EarlierMatter> earlier = new ArrayList<>();
            List<String> repeat = new ArrayList<>(base.repeatReasons());
            for (MatterSummary m : open.result()) {
                if (m.id() == d.id()) {
                    continue;
                }
                earlier.add(new EarlierMatter(Long.toString(m.id()), m.number(), m.subject(), m.status().dbName(), m.createdAt()));
                repeat.add("再次来电：事项 " + m.number() + "（" + m.status().dbName() + "）尚未办结");
            }
            DraftMatter draftMatter = new DraftMatter(Long.toString(d.id()), d.number(),
                    d.category() == null ? null : d.category().code(), d.subject(), d.content());
            return new PopDetails(base.callerName(), repeat, base.nuisanceReasons(), base.earlierCalls(), earlier, draftMatter);
        });
    }
}
