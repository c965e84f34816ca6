package cn.hotline12345.cti.text.synth;

import cn.hotline12345.cti.text.api.DispatchExample;
import cn.hotline12345.cti.text.api.DispatchHistory;
import cn.hotline12345.cti.text.api.MatterText;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A generated history, in time order, usable directly as the engine's {@link DispatchHistory}. */
public final class SyntheticHistory implements DispatchHistory {

    private final List<SyntheticMatter> matters;
    private final Map<String, SyntheticMatter> byId;

    SyntheticHistory(List<SyntheticMatter> matters) {
        this.matters = List.copyOf(matters);
        this.byId = this.matters.stream().collect(Collectors.toUnmodifiableMap(SyntheticMatter::id, Function.identity()));
    }

    public List<SyntheticMatter> matters() {
        return matters;
    }

    public SyntheticMatter get(String id) {
        return byId.get(id);
    }

    @Override
    public Stream<DispatchExample> examples() {
        return matters.stream().flatMap(m -> m.examples().stream());
    }

    /** All dispatch examples, in time order. */
    public List<DispatchExample> exampleList() {
        return examples().toList();
    }

    /** Matters opened in [from, to). */
    public List<MatterText> matterTexts(Instant from, Instant to) {
        return matters.stream()
                .filter(m -> !m.createdAt().isBefore(from) && m.createdAt().isBefore(to))
                .map(SyntheticMatter::matterText)
                .toList();
    }

    /** Matters open at the instant. */
    public List<SyntheticMatter> openAt(Instant t) {
        return matters.stream().filter(m -> m.openAt(t)).toList();
    }
}
