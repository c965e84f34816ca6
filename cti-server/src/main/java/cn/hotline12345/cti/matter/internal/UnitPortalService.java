package cn.hotline12345.cti.matter.internal;

import cn.hotline12345.cti.matter.api.Attachment;
import cn.hotline12345.cti.matter.api.DueState;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.MatterSummary;
import cn.hotline12345.cti.matter.api.UnitMatterItem;
import cn.hotline12345.cti.matter.api.UnitMatterView;
import cn.hotline12345.cti.matter.api.UnitRole;
import cn.hotline12345.cti.matter.api.UnitShare;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.platform.error.Refusal;
import io.vertx.core.Future;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the handling units' portal (issue 24, art. 20-22) adds to {@link UnitMatterService}: lists with the unit's part
 * and the deadline's colour, a matter with every unit's share and the attachments, a co-handling unit's own signing
 * and reply for its share (the lead's sign and reply stay the matter's moves), and attachments. Role isolation is the
 * unit API's: a matter the unit is not part of is "not found", a confidential reporter is never shown.
 */
public final class UnitPortalService {

    /** Largest attachment accepted (the upload route reads at most a little more). */
    public static final int MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
    /** Attachments one unit may add to one matter. */
    public static final int MAX_ATTACHMENTS_PER_UNIT = 20;
    /** While the units work on a matter: signing, replying and attaching are possible. */
    private static final Set<MatterStatus> WORKING = EnumSet.of(MatterStatus.DISPATCHED, MatterStatus.SIGNED_FOR,
            MatterStatus.IN_PROGRESS);

    private final UnitMatterService units;
    private final MatterRepository matters;
    private final UnitShareRepository shares;
    private final CalendarService calendar;
    private final Clock clock;
    private final int dueSoonWorkingDays;

    public UnitPortalService(UnitMatterService units, MatterRepository matters, UnitShareRepository shares,
                             CalendarService calendar, Clock clock, int dueSoonWorkingDays) {
        this.units = units;
        this.matters = matters;
        this.shares = shares;
        this.calendar = calendar;
        this.clock = clock;
        this.dueSoonWorkingDays = dueSoonWorkingDays;
    }

    /** The unit's matters, newest first, with its part in each and the deadline's colour. */
    public Future<List<UnitMatterItem>> list(String unitId, MatterStatus status, int limit) {
        return units.list(unitId, status, limit).compose(list -> shares.sharesOf(unitId,
                        list.stream().map(MatterSummary::id).toList())
                .compose(mine -> dueSoonBound().map(soon -> list.stream()
                        .filter(s -> mine.containsKey(s.id()))
                        .map(s -> new UnitMatterItem(s, mine.get(s.id()),
                                due(s.status(), s.deadlineAt(), mine.get(s.id()), soon)))
                        .toList())));
    }

    /** One of the unit's matters with every share, the attachments and the unit's own requests. */
    public Future<UnitMatterView> view(String unitId, long id) {
        return units.get(unitId, id).compose(m -> Future.all(shares.shares(id), shares.attachments(id),
                matters.requests(id), dueSoonBound()).map(all -> {
                    List<UnitShare> s = all.resultAt(0);
                    UnitShare mine = s.stream().filter(x -> x.unitId().equals(unitId)).findFirst()
                            .orElseThrow(() -> MatterException.notFound("matter " + id));
                    List<cn.hotline12345.cti.matter.api.MatterRequest> requests = all.resultAt(2);
                    return new UnitMatterView(m, mine, s, all.resultAt(1),
                            requests.stream().filter(r -> unitId.equals(r.unitId())).toList(),
                            due(m.status(), m.deadlineAt(), mine, all.resultAt(3)));
                }));
    }

    /** A co-handling unit signs for its share (the lead unit signs the matter with {@code sign}). */
    public Future<UnitMatterView> signShare(String unitId, long id) {
        Instant now = clock.instant();
        return shares.moveShare(id, unitId, "unit:" + unitId, st -> {
            coOnly(st);
            if (!WORKING.contains(st.status())) {
                throw closed(st);
            }
            if (st.share().signedAt() != null) {
                throw (MatterException) MatterException.conflict("unit " + unitId + " already signed for its share of "
                        + st.number()).tell("unitPortal.error.share_signed");
            }
            return new UnitShareRepository.ShareChange(now, null, null, "co-handling share signed");
        }).compose(v -> view(unitId, id));
    }

    /** A co-handling unit's reply for its share, to the lead unit; it may be replaced until the lead replies. */
    public Future<UnitMatterView> replyShare(String unitId, long id, String reply) {
        MatterValidator.required("reply", reply, MatterValidator.MAX_CONTENT);
        Instant now = clock.instant();
        return shares.moveShare(id, unitId, "unit:" + unitId, st -> {
            coOnly(st);
            if (!WORKING.contains(st.status())) {
                throw closed(st);
            }
            if (st.share().signedAt() == null) {
                throw (MatterException) new MatterException(Refusal.Kind.ILLEGAL_TRANSITION, null, "unit " + unitId
                        + " must sign for its share of " + st.number() + " before replying")
                        .tell("unitPortal.error.sign_share_first");
            }
            return new UnitShareRepository.ShareChange(null, reply.trim(), now, "co-handling share replied");
        }).compose(v -> view(unitId, id));
    }

    /**
     * Adds a file to the unit's handling while the units work on the matter. The type is found from the content's
     * first bytes and must agree with the name's extension: PDF, JPEG, PNG, Word and Excel files only.
     */
    public Future<Attachment> attach(String unitId, long id, String rawName, byte[] content, String uploadedBy) {
        String name = fileName(rawName);
        if (content == null || content.length == 0) {
            throw MatterException.invalid("file", "empty").reason("reason.required");
        }
        if (content.length > MAX_ATTACHMENT_BYTES) {
            throw (MatterException) MatterException.invalid("file", "larger than " + MAX_ATTACHMENT_BYTES + " bytes")
                    .tell("unitPortal.error.file_too_large", "max", MAX_ATTACHMENT_BYTES / 1024 / 1024);
        }
        String type = mediaType(name, content);
        var file = new UnitShareRepository.NewAttachment(name, type, content, sha256(content), uploadedBy);
        return shares.attach(id, unitId, "unit:" + unitId, file, st -> {
            if (!WORKING.contains(st.status())) {
                throw closed(st);
            }
            if (st.attachments() >= MAX_ATTACHMENTS_PER_UNIT) {
                throw (MatterException) MatterException.conflict("unit " + unitId + " has " + st.attachments()
                        + " attachments on " + st.number() + " already").tell("unitPortal.error.too_many_files",
                        "max", MAX_ATTACHMENTS_PER_UNIT);
            }
        });
    }

    /** An attachment of one of the unit's matters (any unit's: they handle it together). */
    public Future<Map.Entry<Attachment, byte[]>> attachment(String unitId, long id, long attachmentId) {
        return units.get(unitId, id).compose(m -> staffAttachment(id, attachmentId));
    }

    /** An attachment of a matter, for the hotline's staff. */
    public Future<Map.Entry<Attachment, byte[]>> staffAttachment(long id, long attachmentId) {
        return shares.content(id, attachmentId).map(o -> o.orElseThrow(() ->
                MatterException.notFound("attachment " + attachmentId + " of matter " + id)));
    }

    /** Every unit's share and the attachments of a matter, for the hotline's staff. */
    public Future<Map.Entry<List<UnitShare>, List<Attachment>>> staffView(long id) {
        return matters.find(id).compose(o -> {
            if (o.isEmpty()) {
                return Future.failedFuture(MatterException.notFound("matter " + id));
            }
            return Future.all(shares.shares(id), shares.attachments(id))
                    .map(all -> Map.entry(all.<List<UnitShare>>resultAt(0), all.<List<Attachment>>resultAt(1)));
        });
    }

    private static void coOnly(UnitShareRepository.ShareState st) {
        if (st.share().role() != UnitRole.CO) {
            throw (MatterException) MatterException.conflict("the lead unit signs and replies for matter " + st.number()
                    + " itself (sign, reply), not for a share").tell("unitPortal.error.lead_uses_matter");
        }
    }

    private static MatterException closed(UnitShareRepository.ShareState st) {
        return (MatterException) new MatterException(Refusal.Kind.ILLEGAL_TRANSITION, null, "matter " + st.number()
                + " is " + st.status().dbName() + ": the units no longer work on it").tell("unitPortal.error.not_working");
    }

    /** The end of the due-soon window: the end of the working day {@code dueSoonWorkingDays} after today. */
    private Future<Instant> dueSoonBound() {
        return calendar.snapshot().map(cal -> {
            Instant now = clock.instant();
            LocalDate today = now.atZone(WorkingDayCalendar.ZONE).toLocalDate();
            return dueSoonWorkingDays <= 0 ? now
                    : WorkingDayCalendar.endOfDay(cal.calendar().addWorkingDays(today, dueSoonWorkingDays));
        });
    }

    /** Where a matter stands for this unit: null once the unit is done with it. */
    private DueState due(MatterStatus status, Instant deadline, UnitShare mine, Instant soon) {
        if (deadline == null || !status.isWithUnit() || mine == null
                || mine.role() == UnitRole.CO && mine.repliedAt() != null) {
            return null;
        }
        Instant now = clock.instant();
        return deadline.isBefore(now) ? DueState.OVERDUE : !deadline.isAfter(soon) ? DueState.DUE_SOON : DueState.IN_TIME;
    }

    /** The last element of the name (a browser may send a path), without control characters, at most 200 long. */
    static String fileName(String raw) {
        String s = raw == null ? "" : raw;
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(slash + 1).replaceAll("[\\p{Cntrl}\"<>|:*?]", "").strip();
        if (s.isEmpty() || s.startsWith(".") || s.length() > 200) {
            throw (MatterException) MatterException.invalid("fileName", "missing, hidden or longer than 200 characters")
                    .tell("unitPortal.error.file_name");
        }
        return s;
    }

    /** The type the content is, if its name says the same; anything else is refused. */
    static String mediaType(String name, byte[] c) {
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        String type = null;
        if (starts(c, 0x25, 0x50, 0x44, 0x46) && ext.equals("pdf")) {
            type = "application/pdf";
        } else if (starts(c, 0x89, 0x50, 0x4E, 0x47) && ext.equals("png")) {
            type = "image/png";
        } else if (starts(c, 0xFF, 0xD8, 0xFF) && (ext.equals("jpg") || ext.equals("jpeg"))) {
            type = "image/jpeg";
        } else if (starts(c, 0x50, 0x4B, 0x03, 0x04) && ext.equals("docx")) {
            type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        } else if (starts(c, 0x50, 0x4B, 0x03, 0x04) && ext.equals("xlsx")) {
            type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        } else if (starts(c, 0xD0, 0xCF, 0x11, 0xE0) && ext.equals("doc")) {
            type = "application/msword";
        } else if (starts(c, 0xD0, 0xCF, 0x11, 0xE0) && ext.equals("xls")) {
            type = "application/vnd.ms-excel";
        }
        if (type == null) {
            throw (MatterException) MatterException.invalid("file", "not a PDF, JPEG, PNG, Word or Excel file of its"
                    + " name's type").tell("unitPortal.error.file_type");
        }
        return type;
    }

    private static boolean starts(byte[] c, int... magic) {
        if (c.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((c[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
