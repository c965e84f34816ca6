package cn.hotline12345.cti.call.api;

/**
 * Identifies one call: Asterisk's Linkedid (the Uniqueid of the call's first channel) on one PBX.
 */
public record CallKey(String pbxId, String linkedid) implements java.io.Serializable {

    @Override
    public String toString() {
        return pbxId + "/" + linkedid;
    }
}
