package cn.hotline12345.cti.ivr.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of the IVR's server functions: {@code cti.ivr.service.calls{function, outcome=ok|error|timeout}}. */
final class IvrMetrics {

    private final MeterRegistry registry;

    IvrMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void call(String function, String outcome) {
        Counter.builder("cti.ivr.service.calls")
                .description("IVR server function calls (caller_profile, matter_status, ...) by outcome")
                .tag("function", function).tag("outcome", outcome)
                .register(registry).increment();
    }
}
