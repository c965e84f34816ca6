package cn.hotline12345.cti.matter.api;

import java.util.Objects;

/**
 * Who acts on a matter, as recorded in its transitions.
 *
 * @param kind   agent, supervisor, unit or system
 * @param name   user name, unit id, or {@code system:<what>}
 * @param unitId the unit, for {@link ActorKind#UNIT}
 */
public record Actor(ActorKind kind, String name, String unitId) {

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind == ActorKind.UNIT && unitId == null) {
            throw new IllegalArgumentException("a unit actor needs its unit id");
        }
    }

    public static Actor agent(String name) {
        return new Actor(ActorKind.AGENT, name, null);
    }

    public static Actor supervisor(String name) {
        return new Actor(ActorKind.SUPERVISOR, name, null);
    }

    public static Actor unit(String unitId) {
        return new Actor(ActorKind.UNIT, "unit:" + unitId, unitId);
    }

    public static Actor system(String what) {
        return new Actor(ActorKind.SYSTEM, "system:" + what, null);
    }
}
