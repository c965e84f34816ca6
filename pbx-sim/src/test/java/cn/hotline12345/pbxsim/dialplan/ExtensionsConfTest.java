package cn.hotline12345.pbxsim.dialplan;

import cn.hotline12345.contract.DialplanContext;
import cn.hotline12345.pbxsim.conf.ConfException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The extensions.conf loader: Asterisk's pattern rules, match order, substitution, expressions, refusals. */
class ExtensionsConfTest {
  static final Path SHIPPED = Path.of("../docker/asterisk/extensions.conf");

  static Dialplan load(String text) {
    return ExtensionsConf.parse("test.conf", text);
  }

  static String expand(String template, Map<String, String> vars) {
    return Template.parse(template, "t", 1).expand(n -> vars.getOrDefault(n, ""));
  }

  @Test
  void everyContextAndExtensionOfTheContractIsInTheShippedFile() {
    Dialplan dp = ExtensionsConf.read(SHIPPED);
    for (DialplanContext ctx : DialplanContext.ALL) {
      assertThat(dp.context(ctx.name())).as("[%s] in docker/asterisk/extensions.conf", ctx.name()).isPresent();
      for (String ext : ctx.extensions()) {
        assertThat(dp.context(ctx.name()).get().extensions()).as("%s,%s", ctx.name(), ext)
            .anySatisfy(e -> assertThat(e.pattern()).isEqualTo(ext));
        assertThat(dp.context(ctx.name()).get().extensions().stream()
            .filter(e -> e.pattern().equals(ext)).findFirst().orElseThrow().step(1)).as("%s,%s,1", ctx.name(), ext)
            .isPresent();
      }
    }
    // the bundled copy is the file itself
    assertThat(ExtensionsConf.shipped().contextNames()).isEqualTo(dp.contextNames());
  }

  @Test
  void theCapturesFileLoadsWithItsFunctionsAndExpressions() {
    Dialplan dp = ExtensionsConf.captures();
    Step wait = dp.find("agents", "1001").orElseThrow().step(2).orElseThrow();
    assertThat(wait.app()).isEqualTo("Wait");
    assertThat(wait.expand(n -> "")).isEqualTo("3");
    assertThat(wait.expand(n -> n.equals("AGENT_TALK") ? "6" : "")).isEqualTo("6");
    assertThat(dp.find("caller-sim", "hangup").orElseThrow().pattern()).isEqualTo("hangup");
    assertThat(dp.find("caller-sim", "1").orElseThrow().pattern()).isEqualTo("_X!");
    assertThat(dp.globals()).containsEntry("AGIHOST", "127.0.0.1:4573");
  }

  @Test
  void patternsFollowAsterisk() {
    assertThat(Patterns.matches("_X.", "110")).isTrue();
    assertThat(Patterns.matches("_X.", "1")).isFalse(); // '.' needs one more character
    assertThat(Patterns.matches("_X!", "1")).isTrue();
    assertThat(Patterns.matches("_1XXX", "1001")).isTrue();
    assertThat(Patterns.matches("_1XXX", "10011")).isFalse();
    assertThat(Patterns.matches("_1XXX", "2001")).isFalse();
    assertThat(Patterns.matches("_NXX", "199")).isFalse();
    assertThat(Patterns.matches("_NXX", "299")).isTrue();
    assertThat(Patterns.matches("_ZX", "09")).isFalse();
    assertThat(Patterns.matches("_[1-5]X", "59")).isTrue();
    assertThat(Patterns.matches("_[1-5]X", "69")).isFalse();
    assertThat(Patterns.matches("_q-.", "q-general")).isTrue();
    assertThat(Patterns.matches("_q-.", "q")).isFalse();
    assertThat(Patterns.matches("_q-.", "hotline")).isFalse();
    assertThat(Patterns.matches("12-345", "12345")).isTrue(); // '-' is eye candy in literals too
  }

  @Test
  void theMostSpecificMatchWinsWhateverTheOrderInTheFile() {
    Dialplan dp = load("""
        [c]
        exten => _X.,1,NoOp(any)
        exten => _1XXX,1,NoOp(agent)
        exten => _1NXX,1,NoOp(agent N)
        exten => 1001,1,NoOp(literal)
        exten => _[12]XXX,1,NoOp(set)
        """);
    assertThat(dp.find("c", "1001").orElseThrow().pattern()).isEqualTo("1001");
    assertThat(dp.find("c", "1002").orElseThrow().pattern()).isEqualTo("_1XXX");
    assertThat(dp.find("c", "1202").orElseThrow().pattern()).isEqualTo("_1NXX");
    assertThat(dp.find("c", "2002").orElseThrow().pattern()).isEqualTo("_[12]XXX");
    assertThat(dp.find("c", "99").orElseThrow().pattern()).isEqualTo("_X.");
    assertThat(dp.find("c", "s")).isEmpty();
  }

  @Test
  void includesAreSearchedAfterTheContextsOwnExtensions() {
    Dialplan dp = load("""
        [a]
        include => b
        exten => _X.,1,NoOp(a)
        [b]
        exten => 123,1,NoOp(b)
        exten => s,1,NoOp(b s)
        """);
    assertThat(dp.find("a", "123").orElseThrow().context()).isEqualTo("a");
    assertThat(dp.find("a", "s").orElseThrow().context()).isEqualTo("b");
  }

  @Test
  void prioritiesLabelsAndSame() {
    Dialplan dp = load("""
        [c]
        exten => 1,1,NoOp(one)
         same => n(two),NoOp(two)
         same => n,Goto(two)
        exten => 1,10,NoOp(ten)
         same => n,Hangup
        """);
    Dialplan.Extension e = dp.find("c", "1").orElseThrow();
    assertThat(e.priorities().keySet()).containsExactly(1, 2, 3, 10, 11);
    assertThat(e.priorityOf("two")).isEqualTo(2);
    assertThat(e.step(11).orElseThrow().app()).isEqualTo("Hangup");
    assertThat(e.step(11).orElseThrow().data().text()).isEmpty();
  }

  @Test
  void substitutionAndExpressions() {
    Map<String, String> v = Map.of("A", "hangup", "N", "7", "EXTEN", "13800138000", "Q", "");
    assertThat(expand("$[\"${A}\" = \"hangup\"]", v)).isEqualTo("1");
    assertThat(expand("$[\"${A}\" != \"hangup\"]", v)).isEqualTo("0");
    assertThat(expand("$[\"${Q}\" = \"\"]", v)).isEqualTo("1");
    assertThat(expand("$[${N} > 10]", v)).isEqualTo("0");     // numeric, not "7" > "10" as strings
    assertThat(expand("$[${N} + 3 * 2]", v)).isEqualTo("13");
    assertThat(expand("$[${N} - 7 < 1]", v)).isEqualTo("1");
    assertThat(expand("$[abc < abd]", v)).isEqualTo("1");
    assertThat(expand("$[\"${Q}\" | fallback]", v)).isEqualTo("fallback");
    assertThat(expand("$[${Q} | fallback]", v)).isEmpty(); // "$[ | fallback]": a syntax error in Asterisk too
    assertThat(expand("$[1 & 0]", v)).isEqualTo("0");
    assertThat(expand("$[!0]", v)).isEqualTo("1");
    assertThat(expand("$[(1 = 1) ? yes :: no]", v)).isEqualTo("yes");
    assertThat(expand("$[ = 1]", v)).isEmpty(); // a syntax error gives "" (ast_yyerror)
    assertThat(expand("${EXTEN:3}", v)).isEqualTo("00138000");
    assertThat(expand("${EXTEN:-4}", v)).isEqualTo("8000");
    assertThat(expand("${EXTEN:0:3}", v)).isEqualTo("138");
    assertThat(expand("${LEN(${EXTEN})}", v)).isEqualTo("11");
    assertThat(expand("${IF($[\"${Q}\" = \"\"]?q-general:${Q})}", v)).isEqualTo("q-general");
    assertThat(expand("${IF($[${N} > 1]?big:small)}", v)).isEqualTo("big");
  }

  @Test
  void whatTheSimulatorCannotRunFailsLoadingWithFileAndLine() {
    assertThatThrownBy(() -> load("[c]\nexten => 1,1,NoOp()\n same => n,Gosub(sub,s,1)\n"))
        .isInstanceOf(ConfException.class).hasMessageContaining("test.conf:3").hasMessageContaining("Gosub");
    assertThatThrownBy(() -> load("[c]\nexten => 1,1,Set(X=${CUT(Y,-,1)})\n"))
        .hasMessageContaining("test.conf:2").hasMessageContaining("Function CUT not registered");
    assertThatThrownBy(() -> load("[c]\nexten => 1,1,GotoIf($[${X} : ^1]?a)\n"))
        .hasMessageContaining("test.conf:2").hasMessageContaining("regular expression");
    assertThatThrownBy(() -> load("[c]\nexten => 1,1,NoOp(${X)\n")).hasMessageContaining("missing '}'");
    assertThatThrownBy(() -> load("[c]\nexten => 1,1,Dial(PJSIP/1001\n")).hasMessageContaining("No closing parenthesis");
    assertThatThrownBy(() -> load("[c]\nsame => n,NoOp()\n")).hasMessageContaining("No previous pattern");
    assertThatThrownBy(() -> load("[c]\nexten => 1,n,NoOp()\n")).hasMessageContaining("Can't use 'next' priority");
    assertThatThrownBy(() -> load("[c]\nexten => 1,1,NoOp()\nexten => 1,1,Hangup()\n")).hasMessageContaining("already in use");
    assertThatThrownBy(() -> load("[c]\nexten => 1,1,GotoIf($[1]?nosuch)\n")).hasMessageContaining("no such label");
    assertThatThrownBy(() -> load("[c]\ninclude => nowhere\n")).hasMessageContaining("nonexistent context 'nowhere'");
    assertThatThrownBy(() -> load("[c]\nswitch => Realtime/x@y\n")).hasMessageContaining("Unknown directive: switch");
    assertThatThrownBy(() -> load("[c]\nexten => 1/100,1,NoOp()\n")).hasMessageContaining("caller id matching");
    assertThatThrownBy(() -> load("[c]\nexten => 1,1,Set(SHARED(x)=1)\n")).hasMessageContaining("writing SHARED(x)");
    assertThatThrownBy(() -> load("#include other.conf\n")).hasMessageContaining("directive not supported");
    assertThatThrownBy(() -> load("[general]\nautofallthrough = no\n")).hasMessageContaining("autofallthrough=no");
  }

  @Test
  void globalsAreReadAndADeploymentOverridesThem() {
    Dialplan dp = load("[globals]\nAGIHOST = cti:4573\nURL = agi://${AGIHOST}/x\n[c]\nexten => s,1,NoOp()\n");
    assertThat(dp.globals()).containsEntry("URL", "agi://cti:4573/x");
    assertThat(dp.withGlobal("AGIHOST", "127.0.0.1:1").globals()).containsEntry("AGIHOST", "127.0.0.1:1");
    assertThat(dp.globals()).containsEntry("AGIHOST", "cti:4573");
  }
}
