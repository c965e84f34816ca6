package cn.hotline12345.cti.call.web;

import cn.hotline12345.cti.call.internal.CallRecordWriter;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.platform.web.RequestJson;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.web.Authz;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@code GET /api/engineer/writer} (engineers, administrators): the call record writer as the engineer's screen shows
 * it (issue 24) — items waiting against the capacity, items spilled to the journal on disk (and the journal's files),
 * items refused since start because the backlog was full, the batch settings, and whether the writer reports itself
 * healthy. The journal directory is read on a worker thread.
 */
public final class WriterStatusRoutes implements RouteContributor {

    private final CallRecordWriter writer;
    private final CtiConfig.Database database;
    private final Readiness readiness;

    public WriterStatusRoutes(CallRecordWriter writer, CtiConfig.Database database, Readiness readiness) {
        this.writer = writer;
        this.database = database;
        this.readiness = readiness;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/engineer/writer").handler(Authz.require(Role.ENGINEER, Role.ADMIN)).handler(ctx -> {
            Path journal = database.journalDir().resolve("calls");
            ctx.vertx().executeBlocking(() -> files(journal), false).onComplete(ar -> {
                var w = database.writer();
                var component = readiness.snapshot().get(CallRecordWriter.ALARM_COMPONENT);
                JsonObject out = new JsonObject().put("backlog", writer.backlog()).put("journalled", writer.journalled())
                        .put("refused", writer.overflowCount()).put("capacity", w.capacity())
                        .put("maxBatch", w.maxBatch()).put("maxBatchDelayMs", w.maxBatchDelay().toMillis())
                        .put("lanes", w.lanes()).put("journalDir", journal.toString())
                        .put("healthy", component == null || component.up())
                        .put("databaseUp", readiness.isUp("database"));
                if (ar.succeeded()) {
                    out.put("journalFiles", ar.result()[0]).put("journalBytes", ar.result()[1]);
                }
                RequestJson.json(ctx, 200, out);
            });
        });
    }

    private static long[] files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new long[] {0, 0};
        }
        long n = 0;
        long bytes = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    n++;
                    bytes += Files.size(p);
                }
            }
        }
        return new long[] {n, bytes};
    }
}
