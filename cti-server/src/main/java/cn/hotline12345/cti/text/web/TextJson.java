package cn.hotline12345.cti.text.web;

import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.text.TextService;
import cn.hotline12345.cti.text.UrgencyAlerts;
import cn.hotline12345.cti.text.api.DictionaryEntry;
import cn.hotline12345.cti.text.api.FlagHit;
import cn.hotline12345.cti.text.api.HotTopic;
import cn.hotline12345.cti.text.api.HotTopicReport;
import cn.hotline12345.cti.text.api.ModelInfo;
import cn.hotline12345.cti.text.api.NameCount;
import cn.hotline12345.cti.text.api.TextPriority;
import cn.hotline12345.cti.text.api.Token;
import cn.hotline12345.cti.text.api.UnitSuggestion;
import cn.hotline12345.cti.text.api.UrgencyAssessment;
import cn.hotline12345.cti.text.store.TextMatterRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The JSON of the text routes (docs/text-intelligence.md "Routes"); codes in lower case, every text Chinese. */
final class TextJson {

    private TextJson() {
    }

    private static String code(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    static JsonObject suggestion(TextService.Suggested s) {
        JsonArray units = new JsonArray();
        for (UnitSuggestion u : s.suggestion().units()) {
            units.add(new JsonObject().put("unitId", u.unit()).put("unitName", s.unitNames().getOrDefault(u.unit(), u.unit()))
                    .put("score", Math.round(u.score() * 1000) / 1000.0).put("words", new JsonArray(u.decisiveWords()))
                    .put("returnedBefore", u.returnedBefore()));
        }
        return new JsonObject().put("units", units).put("modelVersion", s.suggestion().modelVersion())
                .put("notes", new JsonArray(s.suggestion().notes()));
    }

    /** The matter's urgency the flags ask for (the form's urgency codes): HIGH urgent, URGENT very urgent. */
    static String urgency(TextPriority p) {
        return p == TextPriority.URGENT ? "very_urgent" : p == TextPriority.HIGH ? "urgent" : "normal";
    }

    static JsonObject screened(TextService.Screened s) {
        UrgencyAssessment a = s.assessment();
        JsonArray flags = new JsonArray();
        a.flags().forEach(f -> flags.add(new JsonObject().put("flag", code(f)).put("label", f.label())));
        JsonArray hits = new JsonArray();
        for (FlagHit h : a.hits()) {
            hits.add(new JsonObject().put("flag", code(h.flag())).put("label", h.flag().label()).put("word", h.word())
                    .put("matched", h.matched()).put("offset", h.offset()).put("priority", code(h.priority())));
        }
        return new JsonObject().put("priority", code(a.priority())).put("urgency", urgency(a.priority()))
                .put("flags", flags).put("hits", hits).put("summary", a.summary()).put("notes", new JsonArray(a.notes()))
                .put("supervisorAlerted", s.alert() != null)
                .put("alert", s.alert() == null ? null : s.alert().message());
    }

    static JsonObject similar(TextService.Similar s) {
        JsonArray matches = new JsonArray();
        for (TextService.SimilarRow r : s.rows()) {
            var m = r.match();
            matches.add(new JsonObject().put("matterId", Long.parseLong(m.matterId())).put("number", r.number())
                    .put("subject", r.subject()).put("status", r.status())
                    .put("score", Math.round(m.score() * 1000) / 1000.0).put("textScore", Math.round(m.textScore() * 1000) / 1000.0)
                    .put("samePlace", m.samePlace()).put("sharedWords", new JsonArray(m.sharedWords()))
                    .put("sharedPlaces", new JsonArray(m.sharedPlaces())).put("relation", code(m.relation()))
                    .put("mergeOffered", m.mergeOffered()));
        }
        return new JsonObject().put("matches", matches).put("notes", new JsonArray(s.notes())).put("openMatters", s.indexed());
    }

    private static JsonArray counts(List<NameCount> l) {
        JsonArray a = new JsonArray();
        l.forEach(n -> a.add(new JsonObject().put("name", n.name()).put("count", n.count())));
        return a;
    }

    static JsonObject topics(Object[] in) {
        TextService.Topics t = (TextService.Topics) in[0];
        HotTopicReport r = t.report();
        JsonArray topics = new JsonArray();
        for (HotTopic h : r.topics()) {
            JsonArray examples = new JsonArray();
            for (String id : h.exampleIds()) {
                TextMatterRepository.WindowMatter m = t.matters().get(id);
                if (m != null) {
                    examples.add(new JsonObject().put("id", m.id()).put("number", m.number()).put("subject", m.subject())
                            .put("createdAt", Api.ts(m.createdAt())));
                }
            }
            topics.add(new JsonObject().put("label", String.join("、", h.labelWords()))
                    .put("labelWords", new JsonArray(h.labelWords())).put("count", h.count())
                    .put("previousCount", h.previousCount()).put("trend", code(h.trend()))
                    .put("districts", counts(h.districts())).put("places", counts(h.places())).put("units", counts(h.units()))
                    .put("examples", examples).put("matterIds", new JsonArray(h.matterIds().stream().map(Long::parseLong).toList())));
        }
        return new JsonObject().put("report", "hot_topics").put("from", ((LocalDate) in[1]).toString())
                .put("to", ((LocalDate) in[2]).toString()).put("inWindow", r.inWindow()).put("inPrevious", r.inPrevious())
                .put("unclustered", r.unclustered()).put("notes", new JsonArray(r.notes())).put("topics", topics);
    }

    static JsonArray alerts(List<UrgencyAlerts.Alert> l) {
        JsonArray a = new JsonArray();
        for (UrgencyAlerts.Alert x : l) {
            a.add(new JsonObject().put("agent", x.agent()).put("matterNumber", x.matter()).put("priority", code(x.priority()))
                    .put("flags", new JsonArray(x.flags())).put("words", new JsonArray(x.words())).put("message", x.message())
                    .put("at", Api.ts(x.at())));
        }
        return a;
    }

    static JsonObject entry(DictionaryEntry e) {
        return new JsonObject().put("word", e.word()).put("kind", code(e.kind())).put("concept", e.concept());
    }

    @SuppressWarnings("unchecked")
    static JsonObject entries(Object[] in) {
        JsonArray a = new JsonArray();
        ((List<DictionaryEntry>) in[0]).forEach(e -> a.add(entry(e)));
        return new JsonObject().put("version", in[1]).put("entries", a);
    }

    static JsonArray tokens(List<Token> l) {
        JsonArray a = new JsonArray();
        l.forEach(t -> a.add(new JsonObject().put("word", t.word()).put("pos", t.pos()).put("offset", t.offset())
                .put("stop", t.stop())));
        return a;
    }

    static JsonObject model(ModelInfo m) {
        return new JsonObject().put("version", m.version()).put("trainedAt", Api.ts(m.trainedAt())).put("examples", m.examples())
                .put("returned", m.returned()).put("units", m.units()).put("vocabulary", m.vocabulary())
                .put("dictionaryVersion", m.dictionaryVersion()).put("trainMillis", m.trainMillis());
    }
}
