package cn.hotline12345.pbxsim.conf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 23: sorcery.conf's realtime PJSIP mappings, checked as main/sorcery.c and res_sorcery_realtime.c apply them. */
class SorceryConfTest {

  private static List<String> check(Path dir, String sorcery, String extconfig) throws IOException {
    Files.writeString(dir.resolve("sorcery.conf"), sorcery);
    if (extconfig != null) {
      Files.writeString(dir.resolve("extconfig.conf"), extconfig);
    }
    return new AsteriskConfigCheck().checkDirectory(dir).stream().map(AsteriskConfigCheck.Problem::toString).toList();
  }

  @Test
  void realtimeThenPjsipConfLoadsCleanly(@TempDir Path dir) throws IOException {
    assertThat(check(dir, "[res_pjsip]\nendpoint = realtime,ps_endpoints\nendpoint = config,pjsip.conf,criteria=type=endpoint\n",
        "[settings]\nps_endpoints => pgsql,general,asterisk.ps_endpoints\n")).isEmpty();
  }

  @Test
  void aRealtimeFamilyExtconfigDoesNotDefineIsNotOpened(@TempDir Path dir) throws IOException {
    // res_sorcery_realtime.c sorcery_realtime_open: "if (!ast_realtime_is_mapping_defined(family)) return NULL"
    assertThat(check(dir, "[res_pjsip]\nauth = realtime,ps_auth\nauth = config,pjsip.conf,criteria=type=auth\n",
        "[settings]\nps_auths => pgsql,general,asterisk.ps_auths\n"))
        .singleElement().asString().contains("failed to open mapping for object type 'auth'").contains("ps_auth");
  }

  @Test
  void mappingATypeWithoutPjsipConfDropsTheFilesObjects(@TempDir Path dir) throws IOException {
    assertThat(check(dir, "[res_pjsip]\naor = realtime,ps_aors\n", "[settings]\nps_aors => pgsql,general,asterisk.ps_aors\n"))
        .singleElement().asString().contains("pjsip.conf's aor objects would no longer be loaded");
  }

  @Test
  void unknownWizardsTypesAndCriteriaAreProblems(@TempDir Path dir) throws IOException {
    assertThat(check(dir, "[res_pjsip]\nendpoint = realtme,ps_endpoints\nendpont = config,pjsip.conf,criteria=type=endpont\n"
        + "endpoint = config,pjsip.conf\n[res_pjsp]\nendpoint = memory\n", null))
        .anySatisfy(p -> assertThat(p).contains("Wizard 'realtme'"))
        .anySatisfy(p -> assertThat(p).contains("no object type 'endpont'"))
        .anySatisfy(p -> assertThat(p).contains("without criteria=type=endpoint"))
        .anySatisfy(p -> assertThat(p).contains("[res_pjsp]"));
  }
}
