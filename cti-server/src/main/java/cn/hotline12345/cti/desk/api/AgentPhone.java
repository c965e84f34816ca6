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

    @Override
    public String toString() {
        return pbxId + "/" + extension;
    }
}
