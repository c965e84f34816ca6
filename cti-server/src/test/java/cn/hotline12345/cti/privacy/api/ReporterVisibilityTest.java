package cn.hotline12345.cti.privacy.api;

import org.junit.jupiter.api.Test;

import static cn.hotline12345.cti.privacy.api.ReporterVisibility.Level.FULL;
import static cn.hotline12345.cti.privacy.api.ReporterVisibility.Level.HIDDEN;
import static cn.hotline12345.cti.privacy.api.ReporterVisibility.Level.MASKED;
import static org.assertj.core.api.Assertions.assertThat;

class ReporterVisibilityTest {

    private static final ReporterVisibility.ReportedMatter CONFIDENTIAL = new ReporterVisibility.ReportedMatter(true, "agent1");
    private static final ReporterVisibility.ReportedMatter OPEN = new ReporterVisibility.ReportedMatter(false, "agent1");

    private static ReporterVisibility.Level see(StaffRole role, String name, boolean unmask, ReporterVisibility.ReportedMatter m) {
        return ReporterVisibility.decide(new Staff(name, role, role == StaffRole.UNIT ? "unit-1" : null, unmask), m);
    }

    @Test
    void confidentialReporterIsSeenOnlyByTheTakerAndAuthorisedSupervisors() {
        assertThat(see(StaffRole.AGENT, "agent1", false, CONFIDENTIAL)).isEqualTo(FULL);
        assertThat(see(StaffRole.AGENT, "agent2", true, CONFIDENTIAL)).isEqualTo(HIDDEN);
        assertThat(see(StaffRole.SUPERVISOR, "sup", true, CONFIDENTIAL)).isEqualTo(FULL);
        assertThat(see(StaffRole.SUPERVISOR, "sup", false, CONFIDENTIAL)).isEqualTo(HIDDEN);
        assertThat(see(StaffRole.UNIT, "unit-user", true, CONFIDENTIAL)).isEqualTo(HIDDEN);
        assertThat(see(StaffRole.ADMIN, "admin", true, CONFIDENTIAL)).isEqualTo(HIDDEN);
        assertThat(see(StaffRole.ENGINEER, "eng", false, CONFIDENTIAL)).isEqualTo(HIDDEN);
        assertThat(ReporterVisibility.decide(Staff.system("export"), CONFIDENTIAL)).isEqualTo(HIDDEN);
        // a unit user who happens to share the taker's name is still a unit
        assertThat(see(StaffRole.UNIT, "agent1", false, CONFIDENTIAL)).isEqualTo(HIDDEN);
    }

    @Test
    void ordinaryReporterIsMaskedWithoutTheUnmaskRight() {
        assertThat(see(StaffRole.AGENT, "agent2", false, OPEN)).isEqualTo(MASKED);
        assertThat(see(StaffRole.UNIT, "u", false, OPEN)).isEqualTo(MASKED);
        assertThat(see(StaffRole.SUPERVISOR, "sup", true, OPEN)).isEqualTo(FULL);
    }

    @Test
    void levelsApplyToNamesAndNumbers() {
        assertThat(ReporterVisibility.number(MASKED, "13800138000")).isEqualTo("138****8000");
        assertThat(ReporterVisibility.number(HIDDEN, "13800138000")).isNull();
        assertThat(ReporterVisibility.name(MASKED, "张三丰")).isEqualTo("张**");
        assertThat(ReporterVisibility.name(HIDDEN, "张三丰")).isNull();
        assertThat(ReporterVisibility.name(FULL, "张三丰")).isEqualTo("张三丰");
    }
}
