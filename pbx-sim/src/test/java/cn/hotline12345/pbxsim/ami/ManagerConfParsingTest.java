package cn.hotline12345.pbxsim.ami;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * manager.conf as config.c and manager.c read it: what is kept, what is ignored with a warning (as Asterisk logs
 * and goes on), and what invalidates the file or deletes the user.
 */
class ManagerConfParsingTest {

  static ManagerConf conf(String text) {
    return ManagerConf.parse(text, "test");
  }

  @Test
  void readAndWriteWordsFollowGetPermIncludingItsQuirks() {
    assertThat(ManagerPerms.getPerm("system,call,agent,dialplan"))
        .isEqualTo(ManagerPerms.SYSTEM | ManagerPerms.CALL | ManagerPerms.AGENT | ManagerPerms.DIALPLAN);
    // no trimming: " agent" is not agent, and "call " (last token, strcmp) is not call
    assertThat(ManagerPerms.getPerm("call, agent")).isEqualTo(ManagerPerms.CALL);
    assertThat(ManagerPerms.getPerm("agent,call ")).isEqualTo(ManagerPerms.AGENT);
    // a non-final token is compared for its own length only: "c," grants every class starting with c
    assertThat(ManagerPerms.getPerm("c,agent")).isEqualTo(ManagerPerms.CALL | ManagerPerms.COMMAND
        | ManagerPerms.CONFIG | ManagerPerms.CDR | ManagerPerms.CC | ManagerPerms.AGENT);
    assertThat(ManagerPerms.getPerm("all")).isEqualTo(ManagerPerms.ALL);
    assertThat(ManagerPerms.getPerm("none")).isZero();
    assertThat(ManagerPerms.getPerm("calls")).isZero();
    assertThat(ManagerPerms.getPerm("Call")).isZero(); // strcmp: case-sensitive
    assertThat(ManagerPerms.authorityToString(ManagerPerms.SYSTEM)).isEqualTo("system,all");
    assertThat(ManagerPerms.authorityToString(ManagerPerms.SYSTEM | ManagerPerms.CALL)).isEqualTo("system,call,all");
    assertThat(ManagerPerms.categoryOf("call,all")).isEqualTo(ManagerPerms.CALL);
    assertThat(ManagerPerms.stringsToMask("on")).isEqualTo(-1 >>> 1 | ManagerPerms.ALL);
    assertThat(ManagerPerms.stringsToMask("off")).isZero();
    assertThat(ManagerPerms.stringsToMask("")).isEqualTo(-1);
    assertThat(ManagerPerms.stringsToMask("2")).isEqualTo(ManagerPerms.CALL);
  }

  @Test
  void usersDefaultToNoRightsAndSectionsKeepTheirSettings() {
    ManagerConf c = conf("""
        [general]
        enabled = yes
        timestampevents = yes
        [ops]
        secret = s
        [CTI]
        secret = x ; a comment
        read = call
        write => originate
        """);
    assertThat(c.general().enabled()).isTrue();
    assertThat(c.general().timestampevents()).isTrue();
    assertThat(c.user("ops").orElseThrow().readPerm()).isZero();
    assertThat(c.user("ops").orElseThrow().writePerm()).isZero();
    // get_manager_by_name_locked: strcasecmp
    ManagerUser cti = c.user("cti").orElseThrow();
    assertThat(cti.secret()).isEqualTo("x");
    assertThat(cti.readPerm()).isEqualTo(ManagerPerms.CALL);
    assertThat(cti.writePerm()).isEqualTo(ManagerPerms.ORIGINATE);
    assertThat(cti.writeTimeoutMs()).isEqualTo(100);
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void commentsEscapesAppendsAndTemplatesAsConfigC() {
    ManagerConf c = conf("""
        [general]
        enabled = yes ;-- a block
        comment --; port = 6000
        [base](!)
        read = call
        [cti](base)
        secret = a\\;b
        read +=,agent
        write = call
        write += ,agent
        ;-- spanning
        secret = nope
        --;
        """);
    ManagerUser u = c.user("cti").orElseThrow();
    assertThat(u.secret()).isEqualTo("a;b");
    assertThat(u.readPerm()).isEqualTo(ManagerPerms.CALL | ManagerPerms.AGENT);
    // "+=" appends the raw text after '=': "call" + " ,agent" is "call ,agent", whose token "call " is no class
    assertThat(u.writePerm()).isEqualTo(ManagerPerms.AGENT);
    assertThat(c.general().port()).isEqualTo(6000);
    assertThat(c.user("base")).isEmpty(); // templates are not users
  }

  @Test
  void badLinesAreIgnoredWithAsterisksWarningsAndTheRestStillCounts() {
    ManagerConf c = conf("""
        [general]
        enabled = yes
        port = 80
        frobnicate = 1
        [cti]
        secret = s
        read = system,call
        writetimeout = 50
        this line has no equal sign
        eventfilter(action(include),name(FullyBooted)) =
        eventfilter(action(inlude),name(Hangup)) =
        eventfilter(name(VarSet),header(Variable),method(regex)) = ^(?!HOTLINE_)
        eventfilter(name(VarSet),method(coains)) = X
        eventfilter =
        EventFilter(name(Newexten)) =
        """);
    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("Invalid port number '80'"))
        .anySatisfy(w -> assertThat(w).contains("Invalid keyword <frobnicate>"))
        .anySatisfy(w -> assertThat(w).contains("Invalid writetimeout value '50'"))
        .anySatisfy(w -> assertThat(w).contains("No '=' (equal sign) in line 9"))
        .anySatisfy(w -> assertThat(w).contains("'action' option 'inlude' is unknown"))
        .anySatisfy(w -> assertThat(w).contains("Unable to compile regex filter"))
        .anySatisfy(w -> assertThat(w).contains("'method' option 'coains' is unknown"))
        .anySatisfy(w -> assertThat(w).contains("Legacy filter with no filter pattern"));
    assertThat(c.general().port()).isEqualTo(5038);
    ManagerUser u = c.user("cti").orElseThrow();
    assertThat(u.writeTimeoutMs()).isEqualTo(100);
    assertThat(u.readPerm()).isEqualTo(ManagerPerms.SYSTEM | ManagerPerms.CALL);
    // only the one good filter was added; "EventFilter" (capital F) is not a filter at all (ast_begins_with)
    assertThat(u.filters().includes()).hasSize(1);
    assertThat(u.filters().excludes()).isEmpty();
  }

  @Test
  void fileLevelErrorsRejectTheWholeFileAsAsteriskDoes() {
    assertThatThrownBy(() -> conf("read = call\n[cti]\n")).hasMessageContaining("no category context");
    assertThatThrownBy(() -> conf("[cti\nsecret = s\n")).hasMessageContaining("no closing ']'");
    assertThatThrownBy(() -> conf("[general]\n#include other.conf\n")).hasMessageContaining("not supported");
    assertThatThrownBy(() -> conf("[cti](nosuch)\n")).hasMessageContaining("Inheritance requested");
  }

  @Test
  void aBadAclDeletesTheUser() {
    ManagerConf c = conf("""
        [general]
        enabled = yes
        [cti]
        secret = s
        permit = localhost
        [ops]
        secret = s
        deny = 10.0.0.0/33
        [ok]
        secret = s
        permit = 10.0.0.0/8
        """);
    assertThat(c.user("cti")).isEmpty();
    assertThat(c.user("ops")).isEmpty();
    assertThat(c.user("ok")).isPresent();
    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("Invalid ACL 'localhost' for manager user 'cti'"))
        .anySatisfy(w -> assertThat(w).contains("Invalid ACL '10.0.0.0/33' for manager user 'ops'"));
  }

  @Test
  void theLastMatchingAclRuleWins() throws Exception {
    ManagerAcl acl = new ManagerAcl();
    assertThat(acl.append("deny", "0.0.0.0/0.0.0.0")).isNull();
    assertThat(acl.append("permit", "127.0.0.1/255.255.255.255")).isNull();
    assertThat(acl.append("permit", "10.0.0.0/8,!10.1.0.0/16")).isNull();
    assertThat(acl.permits(InetAddress.getByName("127.0.0.1"))).isTrue();
    assertThat(acl.permits(InetAddress.getByName("127.0.0.2"))).isFalse();
    assertThat(acl.permits(InetAddress.getByName("10.9.8.7"))).isTrue();
    assertThat(acl.permits(InetAddress.getByName("10.1.2.3"))).isFalse();
    assertThat(acl.permits(InetAddress.getByName("192.168.1.1"))).isFalse();
    // IPv4 rules do not apply to IPv6 clients: with only IPv4 rules an IPv6 client stays allowed
    assertThat(acl.permits(InetAddress.getByName("::1"))).isTrue();
    ManagerAcl permitThenDeny = new ManagerAcl();
    permitThenDeny.append("permit", "127.0.0.1");
    permitThenDeny.append("deny", "0.0.0.0/0");
    assertThat(permitThenDeny.permits(InetAddress.getByName("127.0.0.1"))).isFalse();
  }

  @Test
  void theSecretOverrideNeedsAnExistingUser() {
    ManagerConf c = conf("[general]\nenabled = yes\n[cti]\nsecret = a\n");
    assertThat(c.withSecret("CTI", "b").user("cti").orElseThrow().secret()).isEqualTo("b");
    assertThatThrownBy(() -> c.withSecret("nobody", "b")).hasMessageContaining("no user [nobody]");
  }
}
