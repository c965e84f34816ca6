package cn.hotline12345.cti.desk.api;

import cn.hotline12345.cti.user.api.Principal;

import java.util.Objects;

/**
 * An agent's phone: an extension on one PBX. The same extension on two PBXs is two different phones (each PBX
 * numbers its agents independently), so pops, calls and consoles are keyed by both.
 */
public record AgentPhone(String pbxId, String extension) {

    public AgentPhone {
        Objects.requireNonNull(pbxId, "pbxId");
        Objects.requireNonNull(extension, "extension");
    }

    /** The phone of a console's principal, or null when it has no extension or PBX. */
    public static AgentPhone of(Principal p) {
        return p.extension() == null || p.pbxId() == null ? null : new AgentPhone(p.pbxId(), p.extension());
    }

    /** How the PBX names an agent's phone: {@code PJSIP/1001}. */
    public static final String INTERFACE_PREFIX = "PJSIP/";

    /** {@code PJSIP/1001} on PBX {@code east} → {@code east/1001}; null for anything that is not one of our agents. */
    public static AgentPhone ofInterface(String pbxId, String agent) {
        String ext = extensionOf(agent);
        return ext == null || pbxId == null ? null : new AgentPhone(pbxId, ext);
    }

    /** {@code PJSIP/1001} → {@code 1001}; null for anything else. */
    public static String extensionOf(String agent) {
        if (agent == null || !agent.startsWith(INTERFACE_PREFIX)) {
            return null;
        }
        String ext = agent.substring(INTERFACE_PREFIX.length());
        return ext.matches("[0-9]{3,8}") ? ext : null;
    }

    /** The queue member interface of this phone, {@code PJSIP/1001}. */
    public String iface() {
        return INTERFACE_PREFIX + extension;
    }

    @Override
    public String toString() {
        return pbxId + "/" + extension;
    }
}
