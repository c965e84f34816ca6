package cn.hotline12345.cti.text.web;

import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.Body;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.text.TextService;
import cn.hotline12345.cti.text.api.DictionaryEntry;
import cn.hotline12345.cti.text.api.DispatchRequest;
import cn.hotline12345.cti.text.api.OpenMatter;
import cn.hotline12345.cti.text.api.WordKind;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.web.Authz;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The text intelligence routes (issue 26; docs/text-intelligence.md "Routes"): dispatch suggestions, urgency flags and
 * merge offers for the matter being written (agents, supervisors, administrators), hot topics by meaning for the
 * reports and the wallboard (supervisors, administrators), the urgency alerts (supervisors), the dictionary (read by
 * supervisors, edited by administrators only) and the model.
 */
public final class TextRoutes implements RouteContributor {

    /** The hotline's days (Asia/Shanghai), as the matter reports count them. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final int MAX_TEXT = 4000;
    static final int MAX_PERIOD_DAYS = 92;

    private final TextService text;
    private final Supplier<Future<Void>> retrain;

    public TextRoutes(TextService text, Supplier<Future<Void>> retrain) {
        this.text = text;
        this.retrain = retrain;
    }

    @Override
    public void mount(Router r) {
        var staff = Authz.require(Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
        var sup = Authz.require(Role.SUPERVISOR, Role.ADMIN);
        var admin = Authz.require(Role.ADMIN);
        r.post("/api/matters/suggest-dispatch").handler(staff).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            DispatchRequest req = new DispatchRequest(b.str("subject", 200), b.str("content", MAX_TEXT), b.str("area", 64),
                    cn.hotline12345.cti.text.store.TextMatterRepository.category(b.str("category", 32)));
            requireText(req.subject(), req.description());
            return text.suggest(req, limit(b, 5, 20));
        }, TextJson::suggestion));
        r.post("/api/matters/flags").handler(staff).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            String subject = b.str("subject", 200);
            String content = b.str("content", MAX_TEXT);
            String matter = b.str("matterNumber", 32);
            Principal p = Authz.principal(c);
            return text.screen(join(subject, content), p.username(), matter == null || matter.isBlank() ? null : matter);
        }, TextJson::screened));
        r.post("/api/matters/similar").handler(staff).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            String subject = b.str("subject", 200);
            String content = b.str("content", MAX_TEXT);
            requireText(subject, content);
            Integer self = b.has("matterId") ? b.integer("matterId") : null;
            OpenMatter probe = new OpenMatter(self == null ? "" : String.valueOf(self), Instant.now(), join(subject, content),
                    b.str("area", 64), b.str("address", 300), digits(b.str("contactNumber", 32)), b.str("contactName", 100));
            return text.similar(probe, self == null ? null : String.valueOf(self), limit(b, 5, 20));
        }, TextJson::similar));
        r.get("/api/reports/hot-topics").handler(sup).handler(this::hotTopics);
        r.get("/api/text/alerts").handler(sup).handler(ctx -> Api.respond(ctx, 200,
                c -> Future.succeededFuture(text.alerts()), TextJson::alerts));
        r.get("/api/text/dictionary").handler(sup).handler(ctx -> Api.respond(ctx, 200,
                c -> text.entries(c.request().getParam("q"), kind(c.request().getParam("kind"), null),
                                Api.intParam(c, "limit", 200, 5000))
                        .map(l -> new Object[] {l, text.dictionaryVersion()}), TextJson::entries));
        r.post("/api/text/dictionary").handler(admin).handler(ctx -> Api.respond(ctx, 201, c -> {
            Body b = Api.body(c);
            String word = b.required("word", DictionaryEntry.MAX_WORD_LENGTH);
            WordKind k = kind(b.str("kind", 16), WordKind.TERM);
            return text.add(new DictionaryEntry(word, k, b.str("concept", DictionaryEntry.MAX_WORD_LENGTH)),
                    Boolean.TRUE.equals(b.bool("replace")));
        }, TextJson::entry));
        r.delete("/api/text/dictionary/:word").handler(admin).handler(ctx -> Api.respond(ctx, 204, c -> {
            String word = c.pathParam("word");
            if (word == null || word.isBlank() || word.length() > DictionaryEntry.MAX_WORD_LENGTH) {
                throw Refusal.invalidBecause("word", "reason.bad_value", "1.." + DictionaryEntry.MAX_WORD_LENGTH + " characters");
            }
            return text.remove(Body.checkedText("word", word.strip())).map(found -> {
                if (!found) {
                    throw Refusal.notFound("dictionary word");
                }
                return found;
            });
        }, v -> null));
        r.post("/api/text/segment").handler(sup).handler(ctx -> Api.respond(ctx, 200,
                c -> text.segment(Api.body(c).required("text", MAX_TEXT)), TextJson::tokens));
        r.get("/api/text/model").handler(sup).handler(ctx -> Api.respond(ctx, 200,
                c -> Future.succeededFuture(text.model()), TextJson::model));
        r.post("/api/text/model/retrain").handler(admin).handler(ctx -> Api.respond(ctx, 200,
                c -> {
                    text.model();
                    return retrain.get().map(v -> text.model());
                }, TextJson::model));
    }

    /**
     * Topics by meaning as JSON, or with {@code format=csv} / {@code format=xlsx} as the reports page's downloads
     * ({@link HotTopicExport}); the matter reports' subject table answers only when this slice is not mounted.
     */
    private void hotTopics(RoutingContext ctx) {
        String format = ctx.request().getParam("format");
        String f = format == null || format.isBlank() ? "json" : format.strip();
        if (!f.equals("json") && !f.equals("csv") && !f.equals("xlsx")) {
            Api.error(ctx, Refusal.invalidBecause("format", "reason.bad_value", "json, csv or xlsx"));
            return;
        }
        LocalDate[] p;
        Future<TextService.Topics> topics;
        try {
            p = period(ctx);
            Instant from = p[0].atStartOfDay(ZONE).toInstant();
            Instant to = p[1].plusDays(1).atStartOfDay(ZONE).toInstant();
            int minSize = Api.intParam(ctx, "minSize", 2, 1000);
            topics = text.hotTopics(from, to, Api.intParam(ctx, "limit", 20, 200), minSize);
        } catch (RuntimeException e) {
            Api.error(ctx, e);
            return;
        }
        if (f.equals("json")) {
            Api.respond(ctx, 200, c -> topics.map(t -> new Object[] {t, p[0], p[1]}), TextJson::topics);
            return;
        }
        // the workbook and the CSV are CPU work over at most a few hundred topics, still kept off the event loop
        topics.compose(t -> ctx.vertx().executeBlocking(() -> f.equals("csv")
                        ? io.vertx.core.buffer.Buffer.buffer(HotTopicExport.csv(t))
                        : io.vertx.core.buffer.Buffer.buffer(HotTopicExport.xlsx(t)), false))
                .onSuccess(bytes -> ctx.response()
                        .putHeader("content-type", f.equals("csv") ? "text/csv; charset=utf-8"
                                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                        .putHeader("content-disposition", HotTopicExport.contentDisposition(p[0], p[1], f))
                        .end(bytes))
                .onFailure(e -> Api.error(ctx, e));
    }

    /** term, place, unit or stopword; {@code dflt} when absent. */
    private static WordKind kind(String kind, WordKind dflt) {
        if (kind == null || kind.isBlank()) {
            return dflt;
        }
        try {
            return WordKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidBecause("kind", "reason.bad_value", "term, place, unit or stopword");
        }
    }

    private static LocalDate[] period(RoutingContext c) {
        LocalDate today = LocalDate.now(ZONE);
        LocalDate to = date(c, "to", today);
        LocalDate from = date(c, "from", to.minusDays(6));
        if (from.isAfter(to)) {
            throw Refusal.invalidBecause("from", "reason.bad_value", "after to");
        }
        if (from.plusDays(MAX_PERIOD_DAYS).isBefore(to)) {
            throw Refusal.invalidBecause("to", "reason.bad_value", "more than " + MAX_PERIOD_DAYS + " days");
        }
        return new LocalDate[] {from, to};
    }

    private static LocalDate date(RoutingContext c, String name, LocalDate dflt) {
        String s = c.request().getParam(name);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw Refusal.invalidBecause(name, "reason.not_a_date", "not a date");
        }
    }

    private static int limit(Body b, int dflt, int max) {
        if (!b.has("limit")) {
            return dflt;
        }
        Integer v = b.integer("limit");
        if (v < 1 || v > max) {
            throw Refusal.invalidBecause("limit", "reason.bad_value", "between 1 and " + max);
        }
        return v;
    }

    private static void requireText(String subject, String content) {
        if ((subject == null || subject.isBlank()) && (content == null || content.isBlank())) {
            throw Refusal.invalidBecause("content", "reason.required", "subject or content required");
        }
    }

    private static String join(String subject, String content) {
        String s = subject == null ? "" : subject.strip();
        String c = content == null ? "" : content.strip();
        return s.isEmpty() ? c : c.isEmpty() ? s : s + "。" + c;
    }

    private static String digits(String n) {
        if (n == null) {
            return null;
        }
        String d = n.replaceAll("[^0-9]", "");
        return d.isEmpty() ? null : d;
    }
}
