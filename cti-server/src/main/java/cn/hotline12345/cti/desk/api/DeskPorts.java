package cn.hotline12345.cti.desk.api;

import cn.hotline12345.cti.user.api.Principal;
import io.vertx.core.Future;

import java.util.Optional;

/**
 * What the desk asks of other slices, bound by the app (issue 19): the number a handling unit takes transferred calls
 * on (the matter slice's units), and the nuisance flag an agent raises on the caller of their call (the caller slice;
 * art. 12, 34). Both may fail with the providing slice's own {@code Refusal}.
 */
public interface DeskPorts {

    /** A handling unit a caller can be transferred to. */
    record UnitLine(String id, String name, String phone) {
    }

    /** The active unit with this id and a number, or empty. */
    Future<Optional<UnitLine>> unitLine(String unitId);

    /**
     * Flags the caller of the agent's call: {@code kind} is {@code harassment}, {@code insult} or {@code threat}, the
     * note says what happened (2..500 characters). The number never leaves the server: the desk knows it from the call.
     */
    Future<Void> flagCaller(String rawNumber, String kind, String note, Principal by);

    /** No units and no flags (tests of the desk alone). */
    static DeskPorts none() {
        return new DeskPorts() {
            @Override
            public Future<Optional<UnitLine>> unitLine(String unitId) {
                return Future.succeededFuture(Optional.empty());
            }

            @Override
            public Future<Void> flagCaller(String rawNumber, String kind, String note, Principal by) {
                return Future.failedFuture(new IllegalStateException("flagging callers is not wired"));
            }
        };
    }
}
