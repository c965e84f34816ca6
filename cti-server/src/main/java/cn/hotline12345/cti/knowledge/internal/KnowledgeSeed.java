package cn.hotline12345.cti.knowledge.internal;

import cn.hotline12345.cti.knowledge.api.KnowledgeEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Demo mode's knowledge base (issue 22 item 2): typical hotline answers (social insurance, housing fund, household
 * registration, schools, water, power, gas and heating, noise, property management, wages, consumer complaints, ...),
 * five of them the IVR topic menu's spoken answers. Written through {@link KnowledgeService}, so they are validated
 * and spoken like any administrator's entry. Demo only: a real hotline keeps its own knowledge base.
 */
public final class KnowledgeSeed {

    /** The classpath resource. */
    public static final String RESOURCE = "knowledge/demo-seed.json";

    private KnowledgeSeed() {
    }

    /** The seed's entries (ids and times unset). */
    public static List<KnowledgeEntry> entries() {
        JsonObject root;
        try (InputStream in = KnowledgeSeed.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            root = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<KnowledgeEntry> out = new ArrayList<>();
        for (Object o : root.getJsonArray("entries")) {
            JsonObject e = (JsonObject) o;
            JsonArray tags = e.getJsonArray("tags", new JsonArray());
            out.add(new KnowledgeEntry(0, e.getString("title"), e.getString("body"),
                    tags.stream().map(String::valueOf).toList(), null, null, null, null, null, e.getInteger("ivrTopic")));
        }
        return out;
    }

    /** Creates the seed's entries when the knowledge base is empty; completes with how many were created. */
    public static Future<Integer> seedIfEmpty(KnowledgeService knowledge) {
        return knowledge.count().compose(n -> {
            if (n > 0) {
                return Future.succeededFuture(0);
            }
            Future<Integer> chain = Future.succeededFuture(0);
            for (KnowledgeEntry e : entries()) {
                chain = chain.compose(done -> knowledge.create(e).map(x -> done + 1));
            }
            return chain;
        });
    }
}
