package cn.hotline12345.cti.platform.web;

import io.vertx.ext.web.Router;

/** A feature that serves HTTP mounts its routes on the server's router through this. */
@FunctionalInterface
public interface RouteContributor {

    void mount(Router router);
}
