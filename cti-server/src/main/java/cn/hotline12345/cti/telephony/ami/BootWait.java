package cn.hotline12345.cti.telephony.ami;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * After login: waits for {@code FullyBooted}, which Asterisk sends at once when it is up and the user reads
 * {@code system}. When it does not come, Asterisk is asked ({@code CoreStatus}): running means the user lacks
 * {@code read=system} (reported as a problem; the link comes up without it, blind to restarts); no answer means
 * Asterisk is still booting or the user may not ask (then it is asked again). Never a silent wait (issue 17).
 */
final class BootWait {

    private static final Logger LOG = LoggerFactory.getLogger(BootWait.class);

    /** What the wait needs of its link (event loop only). */
    interface Session {
        /** Whether this wait's session is still the link's and not up yet. */
        boolean waiting();

        Future<AmiCorrelator.Result> ask(AmiAction action);

        /** Asterisk runs although FullyBooted did not come: up, with a problem set. */
        void upWithoutFullyBooted(String problem);

        /** Still not booted as far as can be told: /ready says why. */
        void notYet(String why);
    }

    /** A session from its four parts. */
    static Session session(java.util.function.BooleanSupplier waiting,
                           java.util.function.Function<AmiAction, Future<AmiCorrelator.Result>> ask,
                           java.util.function.Consumer<String> upWithoutFullyBooted,
                           java.util.function.Consumer<String> notYet) {
        return new Session() {
            @Override
            public boolean waiting() {
                return waiting.getAsBoolean();
            }

            @Override
            public Future<AmiCorrelator.Result> ask(AmiAction action) {
                return ask.apply(action);
            }

            @Override
            public void upWithoutFullyBooted(String problem) {
                upWithoutFullyBooted.accept(problem);
            }

            @Override
            public void notYet(String why) {
                notYet.accept(why);
            }
        };
    }

    private final Vertx vertx;
    private final String pbxId;
    private final String user;
    private long timer = -1;

    BootWait(Vertx vertx, String pbxId, String user) {
        this.vertx = vertx;
        this.pbxId = pbxId;
        this.user = user;
    }

    /** Starts waiting (again) for {@code afterMs}. */
    void start(long afterMs, Session session) {
        cancel();
        timer = vertx.setTimer(afterMs, t -> {
            timer = -1;
            if (!session.waiting()) {
                return;
            }
            session.ask(AmiAction.named("CoreStatus")).onComplete(ar -> {
                if (!session.waiting()) {
                    return;
                }
                if (ar.succeeded()) {
                    LOG.error("AMI {}: no FullyBooted within {} ms of login although Asterisk runs (CoreStatus)", pbxId,
                            afterMs);
                    session.upWithoutFullyBooted(ManagerRights.noSystemRead(user));
                } else {
                    String why = "no FullyBooted since login, and CoreStatus answered: " + ar.cause().getMessage()
                            + " (Asterisk still booting, or the manager user lacks read=system and write=reporting)";
                    LOG.warn("AMI {}: {}", pbxId, why);
                    session.notYet(why);
                    start(5_000, session);
                }
            });
        });
    }

    void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
