package cn.hotline12345.cti.caller.internal;


import cn.hotline12345.cti.caller.api.CallerNumber;
import cn.hotline12345.cti.caller.api.CallerProfile;
import cn.hotline12345.cti.caller.api.PhoneNumbers;
import cn.hotline12345.cti.caller.api.ProfileData;
import cn.hotline12345.cti.caller.api.CallerSettings;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.platform.db.Db;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The caller profile on the hot path of the IVR and the screen pop: a bounded cache (size + TTL, invalidated
 * by every write for the number) in front of a few indexed reads.
 *
 * <p>Withheld and invalid numbers never touch the cache or the database: each such call stands alone.
 */
public final class CallerProfileService {

    /** How many earlier calls a profile lists. */
    public static final int RECENT_CALLS = 20;

    private final Db db;
    private final CallerRepository repository;
    private final ProfileAssembler assembler;
    private final ProfileCache<ProfileData> cache;
    private final Clock clock;

    public CallerProfileService(Db db, CallerRepository repository, CallerSettings settings, Clock clock,
                                LongSupplier nanoTime) {
        this.db = db;
        this.repository = repository;
        this.assembler = new ProfileAssembler(settings);
        this.cache = new ProfileCache<>(settings.cache().maxEntries(), settings.cache().ttl().toNanos(), nanoTime);
        this.clock = clock;
    }

    /** The profile of a number, as it stands now (counts include the calls already written). */
    public Future<CallerProfile> profile(String rawNumber) {
        return profileForCall(rawNumber, null);
    }

    /**
     * The profile as seen from inside a call: the IVR's {@code caller_profile} lookup and the screen pop
     * call this. The current call is counted exactly once whether or not the call tracker has written it yet,
     * so "第3次来电" means this call is the third.
     *
     * @param current the call being handled, or null
     */
    public Future<CallerProfile> profileForCall(String rawNumber, CallKey current) {
        CallerNumber number = PhoneNumbers.normalise(rawNumber);
        Instant now = clock.instant();
        if (number.profileKey().isEmpty()) {
            return Future.succeededFuture(CallerProfile.standalone(number, now));
        }
        String key = number.normalised();
        ProfileData cached = cache.get(key);
        if (cached != null) {
            return Future.succeededFuture(assembler.assemble(number, cached, now, current));
        }
        long ticket = cache.ticket(key);
        return db.query(dsl -> repository.load(dsl, key, now, assembler.windows(), RECENT_CALLS))
                .map(data -> {
                    cache.put(key, data, ticket);
                    return assembler.assemble(number, data, now, current);
                });
    }

    /** The cached profile or null, never touching the database (for callers that must not wait). */
    public CallerProfile cachedProfile(String rawNumber, CallKey current) {
        CallerNumber number = PhoneNumbers.normalise(rawNumber);
        if (number.profileKey().isEmpty()) {
            return CallerProfile.standalone(number, clock.instant());
        }
        ProfileData cached = cache.get(number.normalised());
        return cached == null ? null : assembler.assemble(number, cached, clock.instant(), current);
    }

    /**
     * Hook for the call tracker when a call starts: keeps the caller row (first seen, last contact, count).
     * Idempotent on the call key, so a replayed start counts nothing twice.
     *
     * @return the normalised number (withheld and invalid numbers are not recorded)
     */
    public Future<CallerNumber> callStarted(CallKey key, String rawNumber, Instant at) {
        CallerNumber number = PhoneNumbers.normalise(rawNumber);
        if (number.profileKey().isEmpty()) {
            return Future.succeededFuture(number);
        }
        String norm = number.normalised();
        return db.tx(dsl -> repository.recordCall(dsl, norm, key.pbxId(), key.linkedid(), at))
                .map(fresh -> {
                    invalidate(norm);
                    return number;
                });
    }

    /**
     * Drops the cached profile of a number. Called by every write here; the matter workflow should call it
     * when it opens, closes or re-assigns a matter of that number (otherwise the TTL bounds the staleness).
     */
    public void invalidate(String normalisedNumber) {
        if (normalisedNumber != null) {
            cache.invalidate(normalisedNumber);
        }
    }

    /** Entries held now (for metrics and tests). */
    public int cachedEntries() {
        return cache.size();
    }
}
