package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.HandlingUnit;
import cn.hotline12345.cti.matter.api.MatterChannel;
import cn.hotline12345.cti.matter.api.UnitLevel;
import cn.hotline12345.cti.platform.db.Db;
import io.vertx.core.Future;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cn.hotline12345.schema.jooq.Tables.HANDLING_UNIT;
import static cn.hotline12345.schema.jooq.Tables.INTAKE_CLIENT;

/** Handling units and intake clients, and their API key hashes. */
public final class PartyRepository {

    private final Db db;

    public PartyRepository(Db db) {
        this.db = db;
    }

    public Future<HandlingUnit> upsertUnit(HandlingUnit u) {
        return db.query(dsl -> {
            dsl.insertInto(HANDLING_UNIT).set(HANDLING_UNIT.ID, u.id()).set(HANDLING_UNIT.NAME, u.name())
                    .set(HANDLING_UNIT.LEVEL, u.level().code()).set(HANDLING_UNIT.ACTIVE, u.active())
                    .set(HANDLING_UNIT.PHONE, u.phone())
                    .onConflict(HANDLING_UNIT.ID).doUpdate().set(HANDLING_UNIT.NAME, u.name())
                    .set(HANDLING_UNIT.LEVEL, u.level().code()).set(HANDLING_UNIT.ACTIVE, u.active())
                    .set(HANDLING_UNIT.PHONE, u.phone()).execute();
            return u;
        });
    }

    public Future<List<HandlingUnit>> units() {
        return db.query(dsl -> dsl.selectFrom(HANDLING_UNIT).orderBy(HANDLING_UNIT.ID).fetch(r ->
                new HandlingUnit(r.getId(), r.getName(), UnitLevel.parse(r.getLevel(), "level"), r.getActive(), r.getPhone())));
    }

    public Future<Boolean> setUnitKeyHash(String unitId, String hash) {
        return db.query(dsl -> dsl.update(HANDLING_UNIT).set(HANDLING_UNIT.API_KEY_HASH, hash)
                .where(HANDLING_UNIT.ID.eq(unitId)).execute() == 1);
    }

    /** Active units with a key: id to hash. */
    public Future<Map<String, String>> unitKeyHashes() {
        return db.query(dsl -> {
            Map<String, String> m = new HashMap<>();
            dsl.select(HANDLING_UNIT.ID, HANDLING_UNIT.API_KEY_HASH).from(HANDLING_UNIT)
                    .where(HANDLING_UNIT.ACTIVE.isTrue()).and(HANDLING_UNIT.API_KEY_HASH.isNotNull())
                    .forEach(r -> m.put(r.value1(), r.value2()));
            return m;
        });
    }

    public Future<Void> upsertIntakeClient(String id, MatterChannel channel, String hash) {
        return db.query(dsl -> {
            dsl.insertInto(INTAKE_CLIENT).set(INTAKE_CLIENT.ID, id).set(INTAKE_CLIENT.CHANNEL, channel.code())
                    .set(INTAKE_CLIENT.API_KEY_HASH, hash).onConflict(INTAKE_CLIENT.ID).doUpdate()
                    .set(INTAKE_CLIENT.CHANNEL, channel.code()).set(INTAKE_CLIENT.API_KEY_HASH, hash)
                    .set(INTAKE_CLIENT.ACTIVE, true).execute();
            return null;
        });
    }

    /** Active intake clients: id to (channel, hash). */
    public Future<Map<String, String[]>> intakeClients() {
        return db.query(dsl -> {
            Map<String, String[]> m = new HashMap<>();
            dsl.selectFrom(INTAKE_CLIENT).where(INTAKE_CLIENT.ACTIVE.isTrue())
                    .forEach(r -> m.put(r.getId(), new String[] {r.getChannel(), r.getApiKeyHash()}));
            return m;
        });
    }

    public Future<Optional<HandlingUnit>> unit(String id) {
        return db.query(dsl -> dsl.selectFrom(HANDLING_UNIT).where(HANDLING_UNIT.ID.eq(id)).fetchOptional(r ->
                new HandlingUnit(r.getId(), r.getName(), UnitLevel.parse(r.getLevel(), "level"), r.getActive(), r.getPhone())));
    }
}
