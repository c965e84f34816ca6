package cn.hotline12345.cti.telephony.ami;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmiActionTest {

    @Test
    void encodesWithActionIdAndCrlf() {
        byte[] wire = AmiAction.named("QueuePause").header("Interface", "PJSIP/1001").header("Reason", "午餐")
                .encode("pbx1-7");
        assertThat(new String(wire, StandardCharsets.UTF_8)).isEqualTo(
                "Action: QueuePause\r\nActionID: pbx1-7\r\nInterface: PJSIP/1001\r\nReason: 午餐\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lunch\r\nAction: Originate", "a\nb", "a\rb", "nul\u0000", "tab\tx", "del\u007f",
            "ls\u2028", "ps\u2029", "nel\u0085"})
    void refusesControlCharactersThatCouldSmuggleASecondAction(String hostile) {
        assertThatThrownBy(() -> AmiAction.named("QueuePause").header("Reason", hostile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Reason");
    }

    @Test
    void refusesOverlongValuesBadNamesAndCallerSetActionIds() {
        assertThatThrownBy(() -> AmiAction.named("Setvar").header("Value", "x".repeat(AmiAction.MAX_VALUE_LENGTH + 1)))
                .hasMessageContaining("longer");
        assertThatThrownBy(() -> AmiAction.named("Bad Name")).hasMessageContaining("name");
        assertThatThrownBy(() -> AmiAction.named("Ping").header("ActionID", "x")).hasMessageContaining("ActionID");
        assertThatThrownBy(() -> AmiAction.named("Ping").header("Evil:Key", "x")).hasMessageContaining("name");
        assertThatThrownBy(() -> AmiAction.named("Ping").encode("id\r\nAction: Logoff")).hasMessageContaining("ActionID");
    }
}
