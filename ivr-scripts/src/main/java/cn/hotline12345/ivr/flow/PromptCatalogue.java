package cn.hotline12345.ivr.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The prompt catalogue ({@code prompts/catalogue.yaml}): prompt id to text and sound file. */
public record PromptCatalogue(String source, Map<String, Prompt> prompts) {
    public PromptCatalogue {
        prompts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(prompts));
    }

    public Optional<Prompt> prompt(String id) {
        return Optional.ofNullable(prompts.get(id));
    }

    public boolean contains(String id) {
        return prompts.containsKey(id);
    }
}
