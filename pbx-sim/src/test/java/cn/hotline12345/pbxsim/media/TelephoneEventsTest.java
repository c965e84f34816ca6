package cn.hotline12345.pbxsim.media;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4733 key presses: once each, whatever the number of end packets. */
class TelephoneEventsTest {

    private final List<Character> keys = new ArrayList<>();
    private final TelephoneEvents events = new TelephoneEvents(keys::add);

    private void send(long ts, int event, boolean end, int duration) {
        byte[] p = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
        events.packet(ts, p, 0, 4);
    }

    /** What a browser sends for one key: a start, updates every 50 ms, then the end packet three times. */
    private void press(long ts, int event) {
        for (int d = 400; d <= 1600; d += 400) {
            send(ts, event, false, d);
        }
        for (int i = 0; i < 3; i++) {
            send(ts, event, true, 1760);
        }
    }

    @Test
    void oneKeyPerEventAndTheThreeEndPacketsCountOnce() {
        press(1000, 5);
        press(3000, 11);
        press(5000, 5); // the same key again is a new event: a new timestamp
        assertThat(keys).containsExactly('5', '#', '5');
    }

    @Test
    void lostEndPacketsReportTheKeyWhenTheNextEventStarts() {
        send(1000, 1, false, 400);
        send(1000, 1, false, 800);
        assertThat(keys).isEmpty();
        send(2000, 2, false, 400); // the next event shows the first is over
        assertThat(keys).containsExactly('1');
        send(2000, 2, true, 800);
        send(2000, 2, true, 800);
        assertThat(keys).containsExactly('1', '2');
    }

    @Test
    void allKeysMapAndGarbageIsIgnored() {
        assertThat(TelephoneEvents.key(0)).isEqualTo('0');
        assertThat(TelephoneEvents.key(9)).isEqualTo('9');
        assertThat(TelephoneEvents.key(10)).isEqualTo('*');
        assertThat(TelephoneEvents.key(11)).isEqualTo('#');
        assertThat(TelephoneEvents.key(12)).isEqualTo('A');
        assertThat(TelephoneEvents.key(15)).isEqualTo('D');
        assertThat(TelephoneEvents.key(200)).isEqualTo((char) 0);
        events.packet(7, new byte[] {1, (byte) 0x80}, 0, 2); // too short
        send(9, 200, true, 100); // an event we do not map: no key
        assertThat(keys).isEmpty();
    }
}
