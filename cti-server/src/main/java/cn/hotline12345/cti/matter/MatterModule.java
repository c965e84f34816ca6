package cn.hotline12345.cti.matter;


import cn.hotline12345.cti.matter.internal.CalendarRepository;
import cn.hotline12345.cti.matter.internal.CalendarService;
import cn.hotline12345.cti.matter.internal.ApiKeys;
import cn.hotline12345.cti.matter.internal.DeadlinePolicy;
import cn.hotline12345.cti.matter.internal.MatterLifecycle;
import cn.hotline12345.cti.matter.internal.MatterRepository;
import cn.hotline12345.cti.matter.internal.MatterService;
import cn.hotline12345.cti.matter.internal.PartyRepository;
import cn.hotline12345.cti.matter.internal.PartyService;
import cn.hotline12345.cti.matter.internal.ReportRepository;
import cn.hotline12345.cti.matter.internal.ReportService;
import cn.hotline12345.cti.matter.internal.ReviewService;
import cn.hotline12345.cti.matter.internal.RevisitRepository;
import cn.hotline12345.cti.matter.internal.RevisitService;
import cn.hotline12345.cti.matter.internal.UnitMatterService;
import cn.hotline12345.cti.matter.internal.UnitPortalService;
import cn.hotline12345.cti.matter.internal.UnitShareRepository;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.matter.web.AdminRoutes;
import cn.hotline12345.cti.matter.web.IntakeRoutes;
import cn.hotline12345.cti.matter.web.MatterRoutes;
import cn.hotline12345.cti.matter.web.ReportRoutes;
import cn.hotline12345.cti.matter.web.UnitAuthHandler;
import cn.hotline12345.cti.matter.web.SupervisionRoutes;
import cn.hotline12345.cti.matter.web.UnitPortalRoutes;
import cn.hotline12345.cti.matter.web.UnitRoutes;
import cn.hotline12345.cti.privacy.api.Unmasker;

import java.time.Clock;
import java.util.List;

/**
 * The hotline-matter feature (issue 7) wired together: matters, units, revisits, supervision, reports,
 * the working-day calendar, and their HTTP routes. The server builds one and mounts
 * {@link #routes()}; other features call the services.
 */
public final class MatterModule {

    private final CalendarService calendar;
    private final MatterService matters;
    private final UnitMatterService unitMatters;
    private final ReviewService reviews;
    private final RevisitService revisits;
    private final ReportService reports;
    private final PartyService parties;
    private final UnitPortalService portal;
    private final List<RouteContributor> routes;
    private final MatterRepository repo;

    /**
     * @param db                 the database
     * @param clock              the clock (tests pass a fixed one)
     * @param policy             working days per category ({@link DeadlinePolicy#standard()}: 5 for all)
     * @param dueSoonWorkingDays supervision warns of deadlines within this many working days (e.g. 1)
     */
    public MatterModule(Db db, Clock clock, DeadlinePolicy policy, int dueSoonWorkingDays) {
        MatterLifecycle lifecycle = new MatterLifecycle();
        MatterRepository repo = new MatterRepository(db);
        this.repo = repo;
        this.calendar = new CalendarService(new CalendarRepository(db), policy, clock);
        this.matters = new MatterService(repo, calendar, lifecycle, clock);
        this.unitMatters = new UnitMatterService(repo, calendar, lifecycle, clock);
        this.reviews = new ReviewService(repo, calendar, lifecycle, clock, dueSoonWorkingDays);
        this.revisits = new RevisitService(repo, new RevisitRepository(db), calendar, lifecycle, clock);
        this.reports = new ReportService(new ReportRepository(db), clock);
        this.parties = new PartyService(new PartyRepository(db), new ApiKeys());
        this.portal = new UnitPortalService(unitMatters, repo, new UnitShareRepository(db, clock), calendar, clock,
                dueSoonWorkingDays);
        UnitAuthHandler unitAuth = new UnitAuthHandler(parties);
        this.routes = List.of(
                new MatterRoutes(matters, reviews, revisits),
                new UnitRoutes(unitMatters, unitAuth),
                new UnitPortalRoutes(portal, parties, unitAuth),
                new IntakeRoutes(matters, parties),
                new AdminRoutes(calendar, parties),
                new cn.hotline12345.cti.matter.web.StaffUnitRoutes(parties),
                new ReportRoutes(reports));
    }

    /** Standard policy (5 working days), due-soon warning 1 working day ahead, system clock. */
    public MatterModule(Db db) {
        this(db, Clock.systemUTC(), DeadlinePolicy.standard(), 1);
    }

    /**
     * Tells {@code listener} the normalised contact number of every matter inserted or changed, after its
     * commit (numbers withheld or confidential-free matters without one are not told). The caller profile
     * cache uses it: a profile lists the caller's open matters.
     */
    public void onContactWritten(java.util.function.Consumer<String> listener) {
        repo.onWritten(m -> {
            if (m.contactNumberNorm() != null && !m.contactNumberNorm().isBlank()) {
                listener.accept(m.contactNumberNorm());
            }
        });
    }

    public CalendarService calendar() {
        return calendar;
    }

    public MatterService matters() {
        return matters;
    }

    public UnitMatterService unitMatters() {
        return unitMatters;
    }

    public ReviewService reviews() {
        return reviews;
    }

    public RevisitService revisits() {
        return revisits;
    }

    public ReportService reports() {
        return reports;
    }

    public PartyService parties() {
        return parties;
    }


    /** The unit portal's service (issue 24): shares, attachments, deadline colours. */
    public UnitPortalService portal() {
        return portal;
    }

    /**
     * The supervisor screen's routes (issue 24): the audited unmask of a matter's reporter, the units' shares and
     * attachments for the hotline. Apart from {@link #routes()} because the unmasker belongs to the caller feature.
     */
    public RouteContributor supervisionRoutes(Unmasker unmasker) {
        return new SupervisionRoutes(matters, portal, unmasker);
    }

    /** The HTTP routes. Staff routes expect an authentication handler before them that sets a Principal. */
    public List<RouteContributor> routes() {
        return routes;
    }
}
