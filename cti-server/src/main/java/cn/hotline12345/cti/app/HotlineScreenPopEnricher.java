package cn.hotline12345.cti.app;

import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.caller.api.CallSummary;
import cn.hotline12345.cti.caller.api.CallerProfile;
import cn.hotline12345.cti.caller.internal.CallerProfileService;
import cn.hotline12345.cti.caller.api.Measure;
import cn.hotline12345.softphone.ws.EarlierCall;
import cn.hotline12345.cti.matter.internal.DraftOnRing;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.internal.MatterService;
import cn.hotline12345.cti.matter.api.MatterSummary;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.desk.internal.DefaultScreenPopEnricher;
import cn.hotline12345.cti.desk.api.PopDetails;
import cn.hotline12345.cti.desk.api.ScreenPopEnricher;
import cn.hotline12345.softphone.ws.DraftMatter;
import cn.hotline12345.softphone.ws.EarlierMatter;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The screen pop's story of the caller: the draft matter of this call (opened idempotently, the same one
 * {@link cn.hotline12345.cti.matter.internal.DraftOnRing} opens), the caller's open matters, and the repeat reasons
 * they imply, on top of what the IVR flagged. Confidential matters of others never reach here: the matters
 * are looked up by the caller's own number.
 */
final class HotlineScreenPopEnricher implements ScreenPopEnricher {


    private final MatterService matters;
    private final CallerProfileService callers;
    private final UnaryOperator<String> normalise;

    HotlineScreenPopEnricher(MatterService matters, CallerProfileService callers, UnaryOperator<String> normalise) {
        this.matters = matters;
        this.callers = callers;
        this.normalise = normalise;
    }

    @Override
    public Future<PopDetails> enrich(CallView view, Principal viewer) {
        PopDetails base = DefaultScreenPopEnricher.fromView(view);
        String norm = normalise.apply(view.callerNumber());
        Future<Matter> draft = matters.openDraftFromCall(DraftOnRing.draftFor(view, view.queue(),
                viewer.extension() == null ? viewer.username() : "PJSIP/" + viewer.extension(),
                view.queueJoinedAt() == null ? view.startedAt() : view.queueJoinedAt(), normalise));
        Future<List<MatterSummary>> open = norm.isEmpty() ? Future.succeededFuture(List.of()) : matters.openMattersFor(norm);
        Future<CallerProfile> profile = callers.profileForCall(view.callerNumber(), view.key());
        return Future.all(draft, open, profile).map(x -> {
            Matter d = draft.result();
            CallerProfile p = profile.result();
            List<EarlierMatter> earlier = new ArrayList<>();
            List<String> repeat = new ArrayList<>(base.repeatReasons());
            repeat.addAll(p.repeat().reasons());
            List<String> nuisance = new ArrayList<>(base.nuisanceReasons());
            for (Measure m : p.activeMeasures()) {
                nuisance.add(m.level().name().toLowerCase(java.util.Locale.ROOT) + "：" + m.reason());
            }
            List<EarlierCall> calls = new ArrayList<>();
            for (CallSummary c : p.recentCalls()) {
                if (c.linkedid().equals(view.key().linkedid())) {
                    continue;
                }
                calls.add(new EarlierCall(c.pbxId() + "/" + c.linkedid(), c.startedAt(), c.disposition(), c.agent(),
                        c.matterId() == null ? null : "事项 " + c.matterId()));
            }
            for (MatterSummary m : open.result()) {
                if (m.id() == d.id()) {
                    continue;
                }
                earlier.add(new EarlierMatter(Long.toString(m.id()), m.number(), m.subject(), m.status().dbName(), m.createdAt()));
                if (p.repeat().aboutMatterNumber() == null) {
                    repeat.add("再次来电：事项 " + m.number() + "（" + m.status().dbName() + "）尚未办结");
                }
            }
            DraftMatter draftMatter = new DraftMatter(Long.toString(d.id()), d.number(),
                    d.category() == null ? null : d.category().code(), d.subject(), d.content());
            return new PopDetails(base.callerName(), repeat.stream().distinct().toList(), nuisance, calls, earlier, draftMatter);
        });
    }
}
