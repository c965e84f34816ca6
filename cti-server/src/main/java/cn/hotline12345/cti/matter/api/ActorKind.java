package cn.hotline12345.cti.matter.api;

/** Who acts on a matter: hotline agent, supervisor (督办), handling unit (承办单位), or the system (IVR, timers). */
public enum ActorKind {
    AGENT, SUPERVISOR, UNIT, SYSTEM;

    /** The database and API spelling (lower case). */
    public String code() {
        return Codes.db(this);
    }

    /** Parses the lower-case spelling; an unknown value is a validation error naming {@code field}. */
    public static ActorKind parse(String s, String field) {
        return Codes.parse(ActorKind.class, s, field);
    }
}
