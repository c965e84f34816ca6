package cn.hotline12345.cti.call.api;

/** One channel as the PBX lists it on resync ({@code CoreShowChannels}). */
public record LiveChannel(String uniqueid, String linkedid, String channel, String callerNumber, String callerName,
                          String context, String exten, int state, String application, String applicationData,
                          String bridgeId) {
}
