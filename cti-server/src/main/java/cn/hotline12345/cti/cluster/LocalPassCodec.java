package cn.hotline12345.cti.cluster;

import io.vertx.core.eventbus.MessageCodec;

/**
 * What the event-bus codecs of immutable records share: a name, no copy within a node (the record is
 * passed as is), not a Vert.x system codec. Subclasses only say how the record travels between nodes.
 */
abstract class LocalPassCodec<T> implements MessageCodec<T, T> {

    private final String name;

    LocalPassCodec(String name) {
        this.name = name;
    }

    @Override
    public final T transform(T value) {
        return value;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final byte systemCodecID() {
        return -1;
    }
}
