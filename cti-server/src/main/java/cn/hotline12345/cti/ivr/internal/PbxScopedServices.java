package cn.hotline12345.cti.ivr.internal;

import cn.hotline12345.ivr.engine.IvrServices;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The server functions as one FastAGI session sees them: every call carries the session's PBX in argument
 * {@link #PBX_ARG}, set by the server from the session it identified. A flow's own {@code pbx} argument is
 * overwritten, so no flow (nor a caller's input) can file a result under another PBX.
 */
public final class PbxScopedServices implements IvrServices {

    /** The argument the PBX id travels in. */
    public static final String PBX_ARG = "pbx";

    private final IvrServices delegate;
    private final String pbxId;

    public PbxScopedServices(IvrServices delegate, String pbxId) {
        this.delegate = Objects.requireNonNull(delegate);
        this.pbxId = Objects.requireNonNull(pbxId);
    }

    private Map<String, String> scoped(Map<String, String> args) {
        Map<String, String> out = args == null ? new HashMap<>() : new HashMap<>(args);
        out.put(PBX_ARG, pbxId);
        return out;
    }

    @Override
    public CompletionStage<Map<String, String>> lookup(String name, Map<String, String> args) {
        return delegate.lookup(name, scoped(args));
    }

    @Override
    public CompletionStage<Map<String, String>> perform(String name, Map<String, String> args) {
        return delegate.perform(name, scoped(args));
    }

    @Override
    public boolean isWorkingDay(LocalDate d) {
        return delegate.isWorkingDay(d);
    }

    @Override
    public boolean isHoliday(LocalDate d) {
        return delegate.isHoliday(d);
    }

    @Override
    public ZoneId zone() {
        return delegate.zone();
    }

    @Override
    public Clock clock() {
        return delegate.clock();
    }
}
