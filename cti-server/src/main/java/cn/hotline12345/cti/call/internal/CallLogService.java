package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallLogQuery;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.privacy.api.AuditRepository;
import cn.hotline12345.cti.privacy.api.Unmasker;
import io.vertx.core.Future;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The call log (what Wazo call-logd's /cdr gives its users): searching the call records, one call's whole timeline
 * (the server's own event log, the reconciler's changes, and the steps Asterisk's CEL and queue_log recorded), and
 * the export. Who may see what is decided by the web layer; this service only reads.
 */
public final class CallLogService {

    /** An export stops after this many calls (a day of the busiest centre is far fewer). */
    public static final int EXPORT_MAX = 50_000;

    private final Db db;
    private final UnaryOperator<String> normalise;
    private final Unmasker unmasker;

    public CallLogService(Db db, Path recordingsDir, UnaryOperator<String> normalise, Clock clock) {
        this.db = db;
        this.normalise = normalise;
        this.unmasker = new Unmasker(db, new AuditRepository(), clock);
    }

    /** One page of calls and whether more follow. */
    public record Page(List<CallLogRepository.Entry> calls, boolean more) {
        public Page {
            calls = List.copyOf(calls);
        }
    }

    /** One entry of a call's timeline; {@code source} is ami, cel, queue_log or reconciler. */
    public record Item(Instant at, String kind, String source, Map<String, String> data) {
        public Item {
            data = Map.copyOf(data);
        }
    }

    /** A call with its timeline, oldest first. */
    public record Detail(CallLogRepository.Entry call, List<Item> timeline) {
        public Detail {
            timeline = List.copyOf(timeline);
        }
    }

    /** The caller profile's key of a number typed into a filter; null when it is no usable number. */
    public String normalise(String raw) {
        return normalise.apply(raw);
    }

    public Unmasker unmasker() {
        return unmasker;
    }

    public Future<Page> search(CallLogQuery q) {
        return db.query(dsl -> {
            List<CallLogRepository.Entry> rows = new CallLogRepository(dsl).search(q);
            boolean more = rows.size() > q.limit();
            return new Page(more ? rows.subList(0, q.limit()) : rows, more);
        });
    }

    /** Every call matching the filters (at most {@link #EXPORT_MAX}), newest first, page by page to {@code out}. */
    public Future<Integer> export(CallLogQuery q, Consumer<List<CallLogRepository.Entry>> out) {
        return db.query(dsl -> {
            CallLogRepository repo = new CallLogRepository(dsl);
            CallLogQuery page = q;
            int n = 0;
            while (n < EXPORT_MAX) {
                List<CallLogRepository.Entry> rows = repo.search(page);
                boolean more = rows.size() > page.limit();
                List<CallLogRepository.Entry> these = more ? rows.subList(0, page.limit()) : rows;
                out.accept(these);
                n += these.size();
                if (!more || these.isEmpty()) {
                    break;
                }
                CallLogRepository.Entry last = these.get(these.size() - 1);
                page = new CallLogQuery(q.from(), q.to(), q.callerNorm(), q.agentExt(), q.agentIface(), q.queue(),
                        q.disposition(), q.pbxId(), q.matterNumber(), last.startedAt(), last.id(),
                        Math.min(q.limit(), EXPORT_MAX - n));
            }
            return n;
        });
    }

    /** The call and its whole timeline; empty for an unknown call. */
    public Future<Optional<Detail>> detail(CallKey key) {
        return db.query(dsl -> {
            CallLogRepository repo = new CallLogRepository(dsl);
            Optional<CallLogRepository.Entry> call = repo.find(key);
            if (call.isEmpty()) {
                return Optional.<Detail>empty();
            }
            List<Item> items = new ArrayList<>();
            for (CallLogRepository.Event e : repo.events(key)) {
                String source = e.kind().startsWith("reconciled") ? "reconciler" : "ami";
                items.add(new Item(e.at(), e.kind(), source, e.data()));
            }
            AsteriskRows rows = new AsteriskRecordRepository(dsl).rows(key.pbxId(), List.of(key.linkedid()))
                    .get(key.linkedid());
            if (rows != null) {
                for (CallRebuilder.Step s : CallRebuilder.rebuild(rows).timeline()) {
                    items.add(new Item(s.at(), s.kind(), s.source(), s.data()));
                }
            }
            CallLogRepository.Entry c = call.get();
            if (c.surveyRating() != null) {
                items.add(new Item(c.endedAt() != null ? c.endedAt() : c.startedAt(), "survey", "ami",
                        Map.of("rating", c.surveyRating())));
            }
            if (c.recorded() && c.answeredAt() != null) {
                items.add(new Item(c.answeredAt(), "recording", "ami", Map.of()));
            }
            items.sort(Comparator.comparing(Item::at));
            return Optional.of(new Detail(c, items));
        });
    }
}
