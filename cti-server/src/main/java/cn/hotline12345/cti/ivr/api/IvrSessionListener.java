package cn.hotline12345.cti.ivr.api;

/**
 * Hook for whoever keeps call records: told of every IVR session that ended. Called on the session's event
 * loop: record in memory or hand over to a batched writer, never block. An exception is logged and ignored.
 */
@FunctionalInterface
public interface IvrSessionListener {

    void sessionEnded(IvrSessionEnded ended);
}
