package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.contract.AmiContract;
import cn.hotline12345.contract.ManagerClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the server's manager user may and may not do, as Asterisk tells it, against what the server needs
 * (dialplan-contract's {@link AmiContract}). Asterisk's {@code ListCommands} answers one header per action the user
 * may run ({@code main/manager.c} {@code action_listcommands}: {@code if ((s->session->writeperm & cur->authority) ||
 * cur->authority == 0)}), so an action of the contract missing from it is a {@code write=} right missing from
 * manager.conf. A missing {@code read=system} shows differently: {@code FullyBooted} never comes after login
 * ({@code action_login}: {@code if ((s->session->send_events & EVENT_FLAG_SYSTEM) && ast_fully_booted)}) while
 * {@code CoreStatus} says Asterisk runs.
 */
final class ManagerRights {

    private ManagerRights() {
    }

    /** The contract's actions the answer of ListCommands does not list, each with the rights that would allow it. */
    static List<String> missingActions(AmiMessage listCommands) {
        Set<String> allowed = new java.util.HashSet<>();
        for (int i = 0; i < listCommands.size(); i++) {
            allowed.add(listCommands.key(i).toLowerCase(Locale.ROOT));
        }
        List<String> missing = new ArrayList<>();
        for (AmiContract.UsedAction a : AmiContract.USED_ACTIONS) {
            if (a.authority().isEmpty() || allowed.contains(a.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            Set<String> classes = new TreeSet<>();
            a.authority().stream().filter(c -> !AmiContract.FORBIDDEN_WRITE.contains(c)).map(ManagerClass::word)
                    .forEach(classes::add);
            missing.add(a.name() + " (write=" + String.join("|", classes) + ": " + a.why() + ")");
        }
        return missing;
    }

    /** The message for a missing {@code read=system}. */
    static String noSystemRead(String user) {
        return "manager user '" + user + "' lacks read=system: Asterisk sends FullyBooted, Shutdown and Reload only to"
                + " readers of system (a restart cannot be told from a dropped link); add system to read= in"
                + " manager.conf (docker/asterisk/manager.conf) and reload the manager";
    }

    static String missingWrite(String user, List<String> missing) {
        return "manager user '" + user + "' may not run " + String.join(", ", missing)
                + "; give it those write= classes in manager.conf (docker/asterisk/manager.conf)";
    }
}
