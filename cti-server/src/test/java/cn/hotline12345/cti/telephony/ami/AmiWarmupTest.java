package cn.hotline12345.cti.telephony.ami;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up really runs calls through framer, translator and tracker: each copy is a call of its own, started and ended. */
class AmiWarmupTest {

    @Test
    void everyCopyOfTheRecordedCallIsFramedTrackedAndEnded() {
        AmiWarmup.Result r = AmiWarmup.run(25);
        assertThat(r.calls()).isEqualTo(25);
        assertThat(r.events()).as("the capture's 121 call events per copy").isEqualTo(25L * 121);
        assertThat(r.callsEnded()).as("each copy ends its own call in the tracker").isEqualTo(25);
    }
}
