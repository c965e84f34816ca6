package cn.hotline12345.cti.app;

import cn.hotline12345.cti.config.CtiConfig;

/**
 * Demo mode: the server on embedded PostgreSQL with an in-process PBX simulator generating calls.
 */
final class DemoMode {

    private DemoMode() {
    }

    static CtiServer start(CtiConfig config) {
        return CtiServer.start(config);
    }
}
