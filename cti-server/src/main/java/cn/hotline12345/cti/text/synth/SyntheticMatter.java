package cn.hotline12345.cti.text.synth;

import cn.hotline12345.cti.text.api.DispatchExample;
import cn.hotline12345.cti.text.api.DispatchOutcome;
import cn.hotline12345.cti.text.api.MatterText;
import cn.hotline12345.cti.text.api.OpenMatter;

import java.time.Instant;
import java.util.List;

/**
 * A generated matter with its ground truth.
 *
 * @param id           matter id
 * @param createdAt    when opened
 * @param closedAt     when closed (完成办结)
 * @param callerNumber caller's number (made up)
 * @param reporterName reporter's name (made up)
 * @param district     district of the location
 * @param address      the location as an agent records it (estate, road or crossing, company)
 * @param category     咨询, 求助, 建议, 投诉, 举报
 * @param subject      subject
 * @param description  description
 * @param themeId      the kind of matter (truth for topics)
 * @param incidentId   the one event several callers report (truth for merge offers), null if none
 * @param repeatOf     the earlier matter of the same reporter about the same thing, null if none
 * @param dispatches   the dispatches in order; the last is the one that stuck
 */
public record SyntheticMatter(String id, Instant createdAt, Instant closedAt, String callerNumber, String reporterName,
                              String district, String address, String category, String subject, String description, String themeId,
                              String incidentId, String repeatOf, List<Dispatch> dispatches) {

    /** One dispatch: the unit and how it ended. */
    public record Dispatch(String unit, DispatchOutcome outcome) { }

    /** Subject and description, as the engine reads a matter. */
    public String text() {
        return subject + "\n" + description;
    }

    /** The unit that finally handled it. */
    public String finalUnit() {
        return dispatches.get(dispatches.size() - 1).unit();
    }

    public List<DispatchExample> examples() {
        return dispatches.stream()
                .map(d -> new DispatchExample(id, createdAt, text(), district, category, d.unit(), d.outcome()))
                .toList();
    }

    public MatterText matterText() {
        return new MatterText(id, createdAt, text(), district, finalUnit());
    }

    public OpenMatter openMatter() {
        return new OpenMatter(id, createdAt, text(), district, address, callerNumber, reporterName);
    }

    public boolean openAt(Instant t) {
        return !createdAt.isAfter(t) && closedAt.isAfter(t);
    }
}
