package cn.hotline12345.cti.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The benchmarks' options: a misspelt or retired one stops the run instead of running silently with a default. */
class ArgsTest {

    @Test
    void knownOptionsAreReadAndAnUnknownOneIsRefusedNamingTheKnownOnes() {
        assertThat(Args.parse(new String[] {"--seconds", "30", "--fenced", "false"}, "seconds", "fenced"))
                .containsEntry("seconds", "30").containsEntry("fenced", "false");
        assertThatThrownBy(() -> Args.parse(new String[] {"--durable", "true"}, "seconds", "fenced"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--durable")
                .hasMessageContaining("--fenced").hasMessageContaining("--seconds");
        assertThatThrownBy(() -> Args.parse(new String[] {"--seconds"}, "seconds"))
                .hasMessageContaining("--name value");
    }
}
