package cn.hotline12345.cti.bench;

import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.pbxsim.ami.ManagerConf;
import cn.hotline12345.pbxsim.ami.ManagerUser;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What user {@code cti} of docker/asterisk/manager.conf receives of an event, by the rules pbx-sim enforces as
 * Asterisk 22's main/manager.c does (its read classes, then its include/exclude {@code eventfilter}s), so the
 * benchmark follows the committed file whatever filter syntax it uses.
 */
record ManagerConfFilter(ManagerUser user) {

    /** Finds docker/asterisk/manager.conf from the working directory or one of its parents. */
    static ManagerConfFilter load() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docker/asterisk/manager.conf"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docker/asterisk/manager.conf not found above " + Path.of("").toAbsolutePath());
        }
        return new ManagerConfFilter(ManagerConf.load(dir.resolve("docker/asterisk/manager.conf")).user("cti")
                .orElseThrow(() -> new IllegalStateException("manager.conf has no user cti")));
    }

    /** Whether the event (its name, Privilege and, for VarSet, Variable) reaches cti. */
    boolean reaches(String event, String privilege, String variable) {
        AmiMessage m = AmiMessage.event(event, privilege);
        if (variable != null) {
            m.add("Variable", variable);
        }
        return (user.readPerm() & m.category()) == m.category() && user.filters().shouldSend(m, m.toString());
    }
}
