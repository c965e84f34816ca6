package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.HandlingUnit;
import cn.hotline12345.cti.matter.api.MatterChannel;
import cn.hotline12345.cti.matter.api.MatterException;
import io.vertx.core.Future;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The other systems that talk to the hotline (art. 2, 30): handling units (承办单位) and channel systems
 * (WeChat, Weibo, web portal). Issues their API keys (shown once) and authenticates presented keys.
 */
public final class PartyService {

    /** An authenticated channel system. */
    public record IntakeClient(String id, MatterChannel channel) {
    }

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");

    private final PartyRepository repo;
    private final ApiKeys keys;

    public PartyService(PartyRepository repo, ApiKeys keys) {
        this.repo = repo;
        this.keys = keys;
    }

    private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile("\\+?[0-9]{3,20}");

    /** The active units, by name, for the agents' dispatch and transfer pickers. */
    public Future<List<HandlingUnit>> activeUnits() {
        return repo.units().map(l -> l.stream().filter(HandlingUnit::active)
                .sorted(java.util.Comparator.comparing(HandlingUnit::level).thenComparing(HandlingUnit::name)).toList());
    }

    /** An active unit by id, or empty. */
    public Future<java.util.Optional<HandlingUnit>> activeUnit(String id) {
        return repo.unit(id).map(o -> o.filter(HandlingUnit::active));
    }

    public Future<HandlingUnit> saveUnit(HandlingUnit u) {
        if (u.id() == null || !ID.matcher(u.id()).matches()) {
            return Future.failedFuture(MatterException.invalid("id", "lower-case letters, digits, - and _ (max 64)"));
        }
        if (u.name() == null || u.name().isBlank() || u.name().length() > 100) {
            return Future.failedFuture(MatterException.invalid("name", "required, at most 100 characters"));
        }
        if (u.level() == null) {
            return Future.failedFuture(MatterException.invalid("level", "required (city or county)"));
        }
        if (u.phone() != null && !u.phone().isBlank() && !PHONE.matcher(u.phone()).matches()) {
            return Future.failedFuture(MatterException.invalid("phone", "digits only, 3 to 20, optionally a leading +"));
        }
        return repo.upsertUnit(u.phone() != null && u.phone().isBlank()
                ? new HandlingUnit(u.id(), u.name(), u.level(), u.active(), null) : u);
    }

    public Future<List<HandlingUnit>> units() {
        return repo.units();
    }

    /** A new API key for a unit (the old one stops working); the plain key is returned only here. */
    public Future<String> issueUnitKey(String unitId) {
        String key = keys.generate("unit");
        return repo.setUnitKeyHash(unitId, ApiKeys.hash(key)).compose(ok -> ok ? Future.succeededFuture(key)
                : Future.failedFuture(MatterException.notFound("unit " + unitId)));
    }

    /** The unit whose key this is, if any. */
    public Future<Optional<HandlingUnit>> authenticateUnit(String presentedKey) {
        return repo.unitKeyHashes().compose(hashes -> ApiKeys.match(presentedKey, hashes)
                .map(repo::unit).orElse(Future.succeededFuture(Optional.empty())));
    }

    /** A new key for a channel system (creates or replaces it). */
    public Future<String> issueIntakeKey(String clientId, MatterChannel channel) {
        if (clientId == null || !ID.matcher(clientId).matches()) {
            return Future.failedFuture(MatterException.invalid("id", "lower-case letters, digits, - and _ (max 64)"));
        }
        if (channel == null || channel == MatterChannel.PHONE) {
            return Future.failedFuture(MatterException.invalid("channel", "wechat, weibo, web, app or letter"));
        }
        String key = keys.generate("intake");
        return repo.upsertIntakeClient(clientId, channel, ApiKeys.hash(key)).map(key);
    }

    public Future<Optional<IntakeClient>> authenticateIntake(String presentedKey) {
        return repo.intakeClients().map(clients -> {
            Map<String, String> hashes = new HashMap<>();
            clients.forEach((id, v) -> hashes.put(id, v[1]));
            return ApiKeys.match(presentedKey, hashes).map(id ->
                    new IntakeClient(id, MatterChannel.parse(clients.get(id)[0], "channel")));
        });
    }
}
