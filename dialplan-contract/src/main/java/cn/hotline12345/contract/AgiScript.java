package cn.hotline12345.contract;

import java.util.Arrays;
import java.util.Optional;

/**
 * The FastAGI scripts the dialplan calls: {@code AGI(agi://${AGIHOST}/<script>?pbx=${HOTLINE_PBX})}. Each is an IVR
 * flow of {@code ivr-scripts} of the same name.
 */
public enum AgiScript {
    /** Inbound 12345: welcome, emergency notice, menu, self-service. */
    HOTLINE("hotline"),
    /** The direct self-service status line (art. 13). */
    STATUS("status"),
    /** The satisfaction survey after the agent hangs up (art. 14). */
    SURVEY("survey"),
    /** The outbound revisit of a closed matter (art. 25). */
    REVISIT("revisit");

    private final String script;

    AgiScript(String script) {
        this.script = script;
    }

    public String script() {
        return script;
    }

    /** The argument of {@code AGI()} in extensions.conf. */
    public String dialplanUrl() {
        return "agi://${" + ChannelVariable.AGIHOST + "}/" + script + "?pbx=${" + ChannelVariable.PBX + "}";
    }

    public static Optional<AgiScript> byScript(String script) {
        return Arrays.stream(values()).filter(s -> s.script.equals(script)).findFirst();
    }
}
