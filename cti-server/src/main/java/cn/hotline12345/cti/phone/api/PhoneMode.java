package cn.hotline12345.cti.phone.api;

import java.util.Locale;

/** How an agent's voice reaches them: the console's own WebRTC phone, or a SIP phone on the desk. */
public enum PhoneMode {
    /** 软电话: the console registers the agent's endpoint over WSS and rings in the page. */
    SOFTPHONE,
    /** 桌面话机: a hardware or separate SIP phone registers the endpoint; the console only shows and acts. */
    DESK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything else than {@code softphone} or {@code desk} */
    public static PhoneMode fromWire(String s) {
        return switch (s) {
            case "softphone" -> SOFTPHONE;
            case "desk" -> DESK;
            default -> throw new IllegalArgumentException("mode: softphone or desk");
        };
    }
}
