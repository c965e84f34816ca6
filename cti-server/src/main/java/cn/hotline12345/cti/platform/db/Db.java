package cn.hotline12345.cti.platform.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs jOOQ work on a bounded worker pool, never on an event loop, and hands back a {@link Future}.
 * Repositories take a {@code Db}; only they touch jOOQ.
 */
public final class Db implements AutoCloseable {

    private final DSLContext dsl;
    private final WorkerExecutor worker;

    public Db(Vertx vertx, DataSource dataSource, int threads) {
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
        this.worker = vertx.createSharedWorkerExecutor("cti-db", threads, 30, TimeUnit.SECONDS);
    }

    /** Runs one statement or a read outside any explicit transaction. */
    public <T> Future<T> query(Function<DSLContext, T> work) {
        return worker.executeBlocking(() -> work.apply(dsl), false);
    }

    /** Runs the work in one transaction, committed when it returns, rolled back when it throws. */
    public <T> Future<T> tx(Function<DSLContext, T> work) {
        return worker.executeBlocking(() -> dsl.transactionResult(cfg -> work.apply(DSL.using(cfg))), false);
    }

    /** For code already on a worker thread (batch writers): the plain context. */
    public DSLContext dsl() {
        return dsl;
    }

    @Override
    public void close() {
        worker.close();
    }
}
