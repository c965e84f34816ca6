package cn.hotline12345.cti.testing;

import cn.hotline12345.cti.desk.api.DeskPorts;
import cn.hotline12345.cti.user.api.Principal;
import io.vertx.core.Future;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The desk's ports as a test sets them: units by id, and the flags raised (number, kind, note, user). */
public final class FakeDeskPorts implements DeskPorts {

    public final Map<String, UnitLine> units = new ConcurrentHashMap<>();
    public final List<String> flags = new CopyOnWriteArrayList<>();

    @Override
    public Future<Optional<UnitLine>> unitLine(String unitId) {
        return Future.succeededFuture(Optional.ofNullable(units.get(unitId)));
    }

    @Override
    public Future<Void> flagCaller(String rawNumber, String kind, String note, Principal by) {
        flags.add(rawNumber + " " + kind + " " + note + " " + by.username());
        return Future.succeededFuture();
    }
}
