package cn.hotline12345.contract;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashSet;

import static org.assertj.core.api.Assertions.assertThat;

class AmiContractTest {

    @Test
    void theReadRightsHoldSystemBecauseFullyBootedShutdownAndReloadAreSystemEvents() {
        assertThat(AmiContract.requiredRead()).containsExactlyInAnyOrder(ManagerClass.SYSTEM, ManagerClass.CALL,
                ManagerClass.AGENT, ManagerClass.DIALPLAN);
    }

    @Test
    void everyUsedActionIsAllowedByTheLeastWriteAndNoneNeedsAForbiddenClass() {
        for (AmiContract.UsedAction a : AmiContract.USED_ACTIONS) {
            assertThat(a.allowedWith(AmiContract.LEAST_WRITE)).as(a.name()).isTrue();
        }
        assertThat(AmiContract.LEAST_WRITE).doesNotContainAnyElementsOf(AmiContract.FORBIDDEN_WRITE);
    }

    @Test
    void anActionNeedsOnlyOneOfItsClassesAndNoneWhenRegisteredWithZero() {
        AmiContract.UsedAction hangup = AmiContract.action("Hangup");
        assertThat(hangup.allowedWith(EnumSet.of(ManagerClass.CALL))).isTrue();
        assertThat(hangup.allowedWith(EnumSet.of(ManagerClass.AGENT))).isFalse();
        assertThat(AmiContract.action("Originate").allowedWith(EnumSet.of(ManagerClass.CALL))).isFalse();
        assertThat(AmiContract.action("QueueStatus").allowedWith(EnumSet.noneOf(ManagerClass.class))).isTrue();
    }

    @Test
    void originateResponseIsConsumedBecauseCallbacksWaitForItAndItIsACallEvent() {
        // main/manager.c fast_originate: ast_manager_event_multichan(EVENT_FLAG_CALL, "OriginateResponse", ...)
        assertThat(AmiContract.consumedByName().get("OriginateResponse").eventClass()).isEqualTo(ManagerClass.CALL);
    }

    @Test
    void namesAreUnique() {
        assertThat(new HashSet<>(AmiContract.CONSUMED_EVENTS.stream().map(AmiContract.ConsumedEvent::name).toList()))
                .hasSize(AmiContract.CONSUMED_EVENTS.size());
        assertThat(new HashSet<>(DialplanContext.ALL.stream().map(DialplanContext::name).toList()))
                .hasSize(DialplanContext.ALL.size());
        assertThat(new HashSet<>(HotlineQueue.ids())).hasSize(HotlineQueue.values().length);
    }

    @Test
    void variablesOfOursAndTheFewOfAsteriskAreConsumedOthersNot() {
        assertThat(AmiContract.consumesVariable("HOTLINE_QUEUE")).isTrue();
        assertThat(AmiContract.consumesVariable("MIXMONITOR_FILENAME")).isTrue();
        assertThat(AmiContract.consumesVariable("MIXMONITOR_FILENAMEX")).isFalse();
        assertThat(AmiContract.consumesVariable("QUEUEPOSITION")).isFalse();
        assertThat(AmiContract.consumesVariable(null)).isFalse();
    }
}
