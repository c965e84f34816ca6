package cn.hotline12345.cti.caller.internal;


import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.caller.api.CallerNumber;
import cn.hotline12345.cti.caller.api.CallerProfile;
import cn.hotline12345.cti.caller.api.IvrDirective;
import cn.hotline12345.cti.caller.api.MatterSummary;
import cn.hotline12345.cti.caller.api.Measure;
import cn.hotline12345.cti.caller.api.MeasureLevel;
import cn.hotline12345.cti.caller.api.ProfileData;
import cn.hotline12345.cti.caller.api.RepeatAssessment;
import cn.hotline12345.cti.caller.api.CallerSettings;
import cn.hotline12345.cti.call.api.CallKey;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import cn.hotline12345.cti.platform.i18n.Catalogue;

/**
 * Turns cached {@link ProfileData} into a {@link CallerProfile} at lookup time: counts the current call once,
 * applies the repeat rules and the measures in force, and derives what the IVR does. Pure and cheap.
 */
final class ProfileAssembler {

    static final Duration DAY = Duration.ofHours(24);
    static final Duration WEEK = Duration.ofDays(7);
    static final Duration MONTH = Duration.ofDays(30);
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(HotlineTime.ZONE);

    private final CallerSettings settings;
    private final List<Duration> windows;

    ProfileAssembler(CallerSettings settings) {
        this.settings = settings;
        TreeSet<Duration> w = new TreeSet<>(List.of(DAY, WEEK, MONTH));
        settings.repeat().windows().forEach(r -> w.add(r.within()));
        this.windows = List.copyOf(w);
    }

    /** The windows the repository must count. */
    List<Duration> windows() {
        return windows;
    }

    CallerProfile assemble(CallerNumber number, ProfileData d, Instant now, CallKey current) {
        // The current call counts once: if the tracker has written it already it is among the newest calls.
        boolean currentMissing = current != null && d.recentCalls().stream()
                .noneMatch(c -> c.pbxId().equals(current.pbxId()) && c.linkedid().equals(current.linkedid()));
        int extra = currentMissing ? 1 : 0;
        List<Measure> active = d.measures().stream().filter(m -> m.activeAt(now)).toList();
        // Issue 22: the current call's own draft (opened when it reached an agent) is not an earlier matter
        List<MatterSummary> open = current == null ? d.openMatters() : d.openMatters().stream()
                .filter(m -> !m.openedBy(current.pbxId(), current.linkedid())).toList();
        RepeatAssessment repeat = repeat(d, open, extra);
        IvrDirective ivr = ivr(active, repeat);
        return new CallerProfile(number, number.masked(), d.known(), d.firstSeenAt(), d.lastContactAt(),
                d.totalCalls(), d.count(DAY) + extra, d.count(WEEK) + extra, d.count(MONTH) + extra, d.recentCalls(),
                open, d.flags(), active, repeat, ivr, now);
    }

    /**
     * The repeat rules, in the agent's words (the catalogue's). A caller is "calling again about" a matter the hotline
     * took (accepted, with a unit, ...), never about a draft: a draft is only a call's form, not a matter raised.
     */
    private RepeatAssessment repeat(ProfileData d, List<MatterSummary> openMatters, int extra) {
        Catalogue cat = Catalogue.zh();
        List<String> reasons = new ArrayList<>();
        for (CallerSettings.WindowRule rule : settings.repeat().windows()) {
            int n = d.count(rule.within()) + extra;
            if (n >= rule.calls()) {
                reasons.add(cat.text("caller.repeat.nth_call", Map.of("count", n, "window", window(rule.within()))));
            }
        }
        List<MatterSummary> taken = openMatters.stream().filter(m -> !m.draft()).toList();
        MatterSummary about = taken.isEmpty() ? null : taken.get(0);
        if (settings.repeat().whileMatterOpen() && about != null) {
            String status = cat.label("matter.status", about.status());
            String text = about.deadlineAt() == null
                    ? cat.text("caller.repeat.open_matter", Map.of("matter", about.number(), "status", status))
                    : cat.text("caller.repeat.open_matter_due", Map.of("matter", about.number(), "status", status,
                    "due", DUE.format(about.deadlineAt())));
            if (taken.size() > 1) {
                text += cat.text("caller.repeat.more_open", Map.of("count", taken.size() - 1));
            }
            reasons.add(text);
        }
        return new RepeatAssessment(!reasons.isEmpty(), reasons, about == null ? null : about.matterId(),
                about == null ? null : about.number());
    }

    private IvrDirective ivr(List<Measure> active, RepeatAssessment repeat) {
        boolean warning = active.stream().anyMatch(m -> m.level() == MeasureLevel.WARNING);
        boolean dedicated = active.stream().anyMatch(m -> m.level() == MeasureLevel.DEDICATED_QUEUE);
        CallerSettings.MeasurePolicy policy = settings.measures();
        List<String> flags = new ArrayList<>();
        if (repeat.repeat()) {
            flags.add("repeat");
        }
        if (warning || dedicated) {
            flags.add("nuisance-warned");
        }
        return new IvrDirective(warning || dedicated, dedicated ? policy.dedicatedQueue() : null,
                dedicated ? policy.priorityDelta() : 0, true, true, flags);
    }

    static String window(Duration d) {
        if (d.compareTo(Duration.ofHours(48)) <= 0 && d.equals(Duration.ofHours(d.toHours())) && d.toHours() >= 1) {
            return d.toHours() + "小时";
        }
        if (d.toDays() >= 1 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "天";
        }
        if (d.toHours() >= 1 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "小时";
        }
        return d.toMinutes() + "分钟";
    }
}
