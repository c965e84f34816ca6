package cn.hotline12345.cti.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak harness checked for correctness, not speed: a short run of the whole thing (server JVM with embedded
 * PostgreSQL, a second JVM with pbx-sim and the consoles) where every call placed ends with a call row and every
 * AgentCalled pops at its agent, and the report has a row per window. No figure is judged here.
 */
class SoakHarnessTest {

    @Test
    void aShortSoakLosesNoCallAndNoPopAndReportsEveryWindow(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("soak.csv");
        SoakBenchmark.Result r = SoakBenchmark.run(new SoakBenchmark.Options(25, 6, 20, 1000, 5, csv, "384m", 5));

        assertThat(r.placed()).isGreaterThanOrEqualTo(140);
        assertThat(r.simLive()).isZero();
        assertThat(r.simEnded()).isEqualTo(r.placed());
        assertThat(r.rows()).isEqualTo(r.placed());
        assertThat(r.endedRows()).isEqualTo(r.placed());
        assertThat(r.writerOverflow()).isZero();
        assertThat(r.agentCalled()).isGreaterThanOrEqualTo(r.placed());
        assertThat(r.popsOk()).isEqualTo(r.agentCalled());
        assertThat(r.popsLost()).isZero();
        assertThat(r.popsUnmatched()).isZero();
        assertThat(r.pops().count()).isEqualTo(r.popsOk());
        assertThat(r.popsSteady().count()).isPositive().isLessThan(r.popsOk());
        assertThat(r.readSteady().count()).isPositive().isLessThan(r.readToTracker().count());
        assertThat(r.clientCloses()).isZero();
        assertThat(r.windows()).allMatch(w -> w.server().pgCpuShare() >= 0 && w.server().jvmCpuShare() > 0);
        assertThat(r.readToTracker().count()).isGreaterThanOrEqualTo(r.placed() * 4);
        // 25 s of calls in 5 s windows, then the drain windows while the last calls finish
        assertThat(r.windows()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(r.windows()).filteredOn(w -> !w.drain()).hasSize(5);
        assertThat(r.windows().get(r.windows().size() - 1).placed()).isEqualTo(r.placed());
        assertThat(Files.readAllLines(csv)).hasSize(r.windows().size() + 1).first().asString().startsWith("window,");
        assertThat(r.verdicts()).hasSize(9).anyMatch(v -> v.startsWith("N/A heap"))
                .anyMatch(v -> v.contains("none lost")).anyMatch(v -> v.contains("every AgentCalled popped"));
    }
}
