package cn.hotline12345.cti.caller.web;

import cn.hotline12345.cti.privacy.api.ReporterVisibility;
import cn.hotline12345.cti.privacy.api.Staff;
import cn.hotline12345.cti.privacy.api.StaffRole;
import cn.hotline12345.cti.user.api.Principal;

/** Maps the web's authenticated principal to the domain's {@link Staff}. */
public final class Viewers {

    private Viewers() {
    }

    public static Staff staff(Principal p) {
        return new Staff(p.username(), StaffRole.valueOf(p.role().name()), p.unitId(), p.canUnmask());
    }

    /** The reporter policy for web code (matters, screen pop): see {@link ReporterVisibility#decide}. */
    public static ReporterVisibility.Level reporterVisibility(Principal p, boolean confidential, String takenBy) {
        return ReporterVisibility.decide(staff(p), new ReporterVisibility.ReportedMatter(confidential, takenBy));
    }
}
