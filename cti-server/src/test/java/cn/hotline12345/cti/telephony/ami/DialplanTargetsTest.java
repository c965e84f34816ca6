package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.contract.DialplanContext;
import cn.hotline12345.contract.HotlineQueue;
import cn.hotline12345.pbxsim.dialplan.Dialplan;
import cn.hotline12345.pbxsim.dialplan.ExtensionsConf;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every place in the dialplan the server sends a channel to exists in {@code docker/asterisk/extensions.conf} as
 * committed (loaded by pbx-sim's {@link ExtensionsConf}, the loader that fails on what Asterisk 22 would not run) and in
 * the contract's {@link DialplanContext#ALL}. Issue 19: the server redirected callers to contexts that did not exist
 * ("Redirect failed" for 120, for a unit, for hold).
 */
class DialplanTargetsTest {

    static final Path SHIPPED = Path.of("../docker/asterisk/extensions.conf");
    static final Path MAIN_SOURCES = Path.of("src/main/java");

    /** Every action the agent's call controls can send, with every kind of target. */
    static List<AmiAction> everyCallControlAction() {
        List<AmiAction> a = new ArrayList<>();
        String caller = "PJSIP/trunk-00000001";
        String agent = "PJSIP/1001-00000002";
        a.add(CallControl.hold(caller, agent));
        a.add(CallControl.retrieved(caller));
        a.add(CallControl.bridge(agent, caller));
        a.add(CallControl.returnTo(caller, "1001"));
        a.add(CallControl.originate("PJSIP/1001", "1001", "13800138000"));
        a.add(CallControl.hangup(agent));
        List<CallControl.Destination> to = new ArrayList<>();
        to.add(CallControl.toAgent("1002"));
        to.add(CallControl.toAgent("1999"));
        to.add(CallControl.consultAgent("1002"));
        DialplanContext.EMERGENCY_NUMBERS.forEach(n -> to.add(CallControl.out(n)));
        to.add(CallControl.out("05368888888"));
        to.add(CallControl.out("13800138000"));
        HotlineQueue.ids().forEach(q -> to.add(CallControl.queue(q)));
        for (CallControl.Destination d : to) {
            a.add(CallControl.redirect(caller, d));
            a.add(CallControl.atxfer(agent, d));
        }
        return a;
    }

    @Test
    void everyContextAndExtensionTheCallControlsNameIsInTheShippedDialplan() {
        Dialplan dp = ExtensionsConf.read(SHIPPED);
        List<String> contract = DialplanContext.ALL.stream().map(DialplanContext::name).toList();
        int checked = 0;
        for (AmiAction action : everyCallControlAction()) {
            for (String[] t : CallControl.dialplanTargets(action)) {
                assertThat(contract).as("%s names context %s outside the contract", action, t[0]).contains(t[0]);
                // priority 1 must exist: Redirect, Atxfer and Originate all start there
                assertThat(dp.exists(t[0], t[1], 1)).as("%s: %s,%s,1 in %s", action, t[0], t[1], SHIPPED).isTrue();
                checked++;
            }
        }
        assertThat(checked).as("targets checked").isGreaterThan(30);
    }

    @Test
    void theCheckFailsForAContextTheDialplanLacks() {
        Dialplan dp = ExtensionsConf.read(SHIPPED);
        // what the server sent before issue 19 for hold and for a unit: the check must see it
        AmiAction old = AmiAction.named("Redirect").header("Channel", "PJSIP/trunk-1").header("Context", "no-such-context")
                .header("Exten", "s").header("Priority", "1");
        String[] t = CallControl.dialplanTargets(old).get(0);
        assertThat(dp.exists(t[0], t[1], 1)).isFalse();
        // an extension the context does not match: agents are four digits 1XXX
        assertThat(dp.exists(DialplanContext.AGENT_TRANSFER.name(), "2001", 1)).isFalse();
        assertThat(dp.exists(DialplanContext.TRANSFER_OUT.name(), "1", 1)).isFalse();
        assertThatThrownBy(() -> ExtensionsConf.parse("broken.conf", "[x]\nexten => s,1,NoSuchApp()\n"))
                .as("the loader refuses what Asterisk would not run").isInstanceOf(RuntimeException.class);
    }

    /** A context written as a literal anywhere in the server's code must be one of the contract and of the file. */
    @Test
    void noServerCodeNamesALiteralContextTheDialplanLacks() throws IOException {
        Dialplan dp = ExtensionsConf.read(SHIPPED);
        Pattern literal = Pattern.compile("header\\(\"(?:Extra)?Context\",\\s*\"([^\"]+)\"");
        Pattern constant = Pattern.compile("(?:CONTEXT|_CONTEXT)\\s*=\\s*\"([^\"]+)\"");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                for (Pattern p : List.of(literal, constant)) {
                    Matcher m = p.matcher(src);
                    while (m.find()) {
                        found.add(m.group(1) + " (" + f.getFileName() + ")");
                        assertThat(dp.contextNames()).as("%s in %s", m.group(1), f).contains(m.group(1));
                        assertThat(DialplanContext.ALL.stream().map(DialplanContext::name))
                                .as("%s in %s is in the contract", m.group(1), f).contains(m.group(1));
                    }
                }
            }
        }
        assertThat(found).as("the scan sees the routing code's contexts").isNotEmpty();
    }
}
