package cn.hotline12345.cti.platform.web;

import io.vertx.ext.web.Router;

/** A feature that serves HTTP mounts its routes on the server's router through this. */
@FunctionalInterface
public interface RouteContributor {

    void mount(Router router);

    /**
     * Paths (regular expressions over the normalised path) whose request bodies this feature reads itself, with a
     * larger limit than {@link HttpVerticle#MAX_BODY_BYTES}, after its own authentication: the server's small body
     * handler leaves them alone (a file upload). Empty by default.
     */
    default java.util.List<String> ownBodyPaths() {
        return java.util.List.of();
    }
}
