package cn.hotline12345.ivr;

import cn.hotline12345.ivr.flow.CatalogueParser;
import cn.hotline12345.ivr.flow.Flow;
import cn.hotline12345.ivr.flow.FlowError;
import cn.hotline12345.ivr.flow.FlowParser;
import cn.hotline12345.ivr.flow.FlowValidator;
import cn.hotline12345.ivr.flow.PromptCatalogue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link FlowSource}, parses and validates every flow against the catalogue, and returns
 * either a complete {@link FlowSet} or all the errors (never a partial set).
 */
public final class FlowSetLoader {

    private final Set<String> serviceNames;
    private final Set<String> queues;

    /**
     * @param serviceNames the lookup/action names the host registers
     * @param queues       the queue names flows may route to
     */
    public FlowSetLoader(Set<String> serviceNames, Set<String> queues) {
        this.serviceNames = Set.copyOf(serviceNames);
        this.queues = Set.copyOf(queues);
    }

    /** A loaded set (null when there were errors) and the errors. */
    public record Result(FlowSet flowSet, List<FlowError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return flowSet != null;
        }
    }

    public Result load(FlowSource source, long generation) {
        List<FlowError> errors = new ArrayList<>();
        FlowSource.SourceFile catFile;
        List<FlowSource.SourceFile> files;
        try {
            catFile = source.catalogue();
            files = source.flowFiles();
        } catch (IOException | RuntimeException e) {
            errors.add(new FlowError(source.describe(), null, "cannot read: " + e.getMessage()));
            return new Result(null, errors);
        }
        MessageDigest digest = sha256();
        PromptCatalogue catalogue = null;
        if (catFile.error() != null) {
            errors.add(new FlowError(catFile.name(), null, catFile.error()));
        } else {
            digest.update(catFile.text().getBytes(StandardCharsets.UTF_8));
            CatalogueParser.Result cat = CatalogueParser.parse(catFile.name(), catFile.text());
            errors.addAll(cat.errors());
            catalogue = cat.catalogue();
        }
        if (files.isEmpty()) {
            errors.add(new FlowError(source.describe(), null, "no flow files found"));
        }
        Map<String, Flow> flows = new LinkedHashMap<>();
        boolean parsedCleanly = true;
        for (FlowSource.SourceFile f : files) {
            if (f.error() != null) {
                errors.add(new FlowError(f.name(), null, f.error()));
                parsedCleanly = false;
                continue;
            }
            digest.update(f.name().getBytes(StandardCharsets.UTF_8));
            digest.update(f.text().getBytes(StandardCharsets.UTF_8));
            String id = flowId(f.name());
            FlowParser.Result parsed = FlowParser.parse(f.name(), id, f.text());
            errors.addAll(parsed.errors());
            if (!parsed.errors().isEmpty() || parsed.flow() == null) {
                parsedCleanly = false;
            } else if (flows.putIfAbsent(id, parsed.flow()) != null) {
                errors.add(new FlowError(f.name(), null, "a second flow named '" + id + "'"));
            }
        }
        if (catalogue != null) {
            FlowValidator validator = new FlowValidator(catalogue, serviceNames, queues, flowIdsOf(files));
            for (Flow flow : flows.values()) {
                errors.addAll(validator.validate(flow));
            }
        }
        if (!errors.isEmpty() || !parsedCleanly || catalogue == null) {
            return new Result(null, errors);
        }
        String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 8);
        return new Result(new FlowSet(generation, hash, flows, catalogue), List.of());
    }

    private static Set<String> flowIdsOf(List<FlowSource.SourceFile> files) {
        Set<String> ids = new java.util.HashSet<>();
        files.forEach(f -> ids.add(flowId(f.name())));
        return ids;
    }

    /** {@code flows/hotline.yaml -> hotline}. */
    static String flowId(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        return base.endsWith(".yaml") ? base.substring(0, base.length() - 5) : base;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
