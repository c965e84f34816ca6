package cn.hotline12345.cti.app;

import cn.hotline12345.contract.ChannelVariable;
import cn.hotline12345.contract.HotlineQueue;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.caller.api.CallSummary;
import cn.hotline12345.cti.caller.api.CallerProfile;
import cn.hotline12345.cti.caller.internal.CallerProfileService;
import cn.hotline12345.cti.caller.api.Measure;
import cn.hotline12345.cti.knowledge.api.KnowledgeEntry;
import cn.hotline12345.cti.knowledge.internal.KnowledgeService;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.platform.i18n.Catalogue;
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
import cn.hotline12345.softphone.ws.KnowledgeHint;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The screen pop's story of the caller: the call's draft matter (opened by {@link DraftOnRing}, the one place that
 * opens it: this only reads it), the caller's other open matters and the repeat reasons the profile gives (never
 * counting the call's own draft), the nuisance measures in force, and knowledge base entries for what the caller chose
 * in the IVR (art. 18, 31). Confidential matters of others never reach here: the matters are looked up by the
 * caller's own number. Every text is Chinese (the catalogue's).
 */
final class HotlineScreenPopEnricher implements ScreenPopEnricher {

    private static final int SUGGESTIONS = 3;
    private static final int SNIPPET = 80;

    private final MatterService matters;
    private final DraftOnRing drafts;
    private final CallerProfileService callers;
    private final KnowledgeService knowledge;
    private final UnaryOperator<String> normalise;

    HotlineScreenPopEnricher(MatterService matters, DraftOnRing drafts, CallerProfileService callers,
                             KnowledgeService knowledge, UnaryOperator<String> normalise) {
        this.matters = matters;
        this.drafts = drafts;
        this.callers = callers;
        this.knowledge = knowledge;
        this.normalise = normalise;
    }

    @Override
    public Future<PopDetails> enrich(CallView view, Principal viewer) {
        PopDetails base = DefaultScreenPopEnricher.fromView(view);
        String norm = normalise.apply(view.callerNumber());
        Future<Optional<Matter>> draft = drafts.draftOf(view.key());
        Future<List<MatterSummary>> open = norm.isEmpty() ? Future.succeededFuture(List.of()) : matters.openMattersFor(norm);
        Future<CallerProfile> profile = callers.profileForCall(view.callerNumber(), view.key());
        Future<List<KnowledgeEntry>> hints = knowledge.suggest(view.ivrPath(), keywords(view), SUGGESTIONS)
                .otherwise(List.of());
        return Future.all(draft, open, profile, hints).map(x -> {
            Catalogue cat = Catalogue.zh();
            Matter d = draft.result().orElse(null);
            CallerProfile p = profile.result();
            List<String> repeat = new ArrayList<>(base.repeatReasons());
            repeat.addAll(p.repeat().reasons());
            List<String> nuisance = new ArrayList<>(base.nuisanceReasons());
            for (Measure m : p.activeMeasures()) {
                String level = cat.label("caller.measure", m.level().dbName());
                // the reason of a system measure is written for the audit trail in English: the agent reads the level
                nuisance.add(hasChinese(m.reason()) ? level + "：" + m.reason() : level);
            }
            List<EarlierCall> calls = new ArrayList<>();
            for (CallSummary c : p.recentCalls()) {
                if (c.linkedid().equals(view.key().linkedid())) {
                    continue;
                }
                calls.add(new EarlierCall(c.pbxId() + "/" + c.linkedid(), c.startedAt(), c.disposition(), c.agent(),
                        c.matterId() == null ? null : cat.text("desk.pop.call_matter", Map.of("id", c.matterId()))));
            }
            List<EarlierMatter> earlier = new ArrayList<>();
            for (MatterSummary m : open.result()) {
                if (d != null && m.id() == d.id()) {
                    continue;
                }
                earlier.add(new EarlierMatter(Long.toString(m.id()), m.number(), m.subject(), m.status().dbName(),
                        m.createdAt()));
            }
            List<KnowledgeHint> suggestions = hints.result().stream().map(e -> new KnowledgeHint(Long.toString(e.id()),
                    e.title(), e.body().length() <= SNIPPET ? e.body() : e.body().substring(0, SNIPPET) + "…")).toList();
            DraftMatter draftMatter = d == null ? base.draft() : new DraftMatter(Long.toString(d.id()), d.number(),
                    d.category() == null ? null : d.category().code(), d.subject(), d.content());
            return new PopDetails(base.callerName(), repeat.stream().distinct().toList(), nuisance, calls, earlier,
                    draftMatter, suggestions);
        });
    }

    /**
     * What to look the knowledge base up with: the category the caller chose (the IVR's HOTLINE_CATEGORY or its
     * queue's) in the catalogue's words, and the queue's name (政策咨询, 求助服务, ...).
     */
    static List<String> keywords(CallView view) {
        List<String> k = new ArrayList<>();
        String category = view.ivrVars().get(ChannelVariable.CATEGORY);
        if (category == null) {
            category = HotlineQueue.byId(view.queue()).flatMap(HotlineQueue::category).orElse(null);
        }
        MatterCategory c = MatterCategory.fromIvrChoice(category);
        if (c != null) {
            k.add(Catalogue.zh().label("matter.category", c.code()));
        }
        HotlineQueue.byId(view.queue()).filter(q -> q != HotlineQueue.OPERATOR && q != HotlineQueue.OVERFLOW)
                .ifPresent(q -> k.add(q.displayName()));
        return k;
    }

    private static boolean hasChinese(String s) {
        return s != null && s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }
}
