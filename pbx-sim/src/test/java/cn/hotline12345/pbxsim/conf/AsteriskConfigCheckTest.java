package cn.hotline12345.pbxsim.conf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file of docker/asterisk goes through the simulator's parsers and checks, which fail on any value a real
 * Asterisk 22 would reject or drop at load (the product is judged on that Asterisk loading these files).
 */
class AsteriskConfigCheckTest {
  static final Path DOCKER = Path.of("../docker");
  static final Path ASTERISK = DOCKER.resolve("asterisk");

  /**
   * The TLS files named by http.conf live in docker/tls/ (git-ignored, docker/tls/README.md); compose mounts that
   * folder at /etc/asterisk/keys. They count as present on the PBX only while that mount and that README exist.
   */
  static boolean deploymentFile(String path) {
    try {
      String compose = Files.readString(DOCKER.resolve("compose.yaml"));
      String readme = Files.readString(DOCKER.resolve("tls/README.md"));
      String name = path.substring(path.lastIndexOf('/') + 1);
      return path.startsWith("/etc/asterisk/keys/") && compose.contains("./tls:/etc/asterisk/keys:ro")
          && readme.contains("`" + name + "`");
    } catch (IOException e) {
      return false;
    }
  }

  static AsteriskConfigCheck shippedCheck() {
    return new AsteriskConfigCheck().fileExists(AsteriskConfigCheckTest::deploymentFile)
        .unchecked("Dockerfile", "not an Asterisk configuration: builds the image (DockerFilesTest checks it)")
        .unchecked("Dockerfile.dockerignore", "not an Asterisk configuration")
        .unchecked("entrypoint.sh", "not an Asterisk configuration: the container's start script")
        .unchecked("README.md", "documentation");
  }

  @Test
  void everyShippedFileLoadsCleanly() {
    List<AsteriskConfigCheck.Problem> problems = shippedCheck().checkDirectory(ASTERISK);
    assertThat(problems).isEmpty();
  }

  @Test
  void aFileWithoutAParserIsAProblemUnlessDeclared(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("musiconhold.conf"), "[default]\nmode = files\n");
    assertThat(new AsteriskConfigCheck().checkDirectory(dir)).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("no checker for musiconhold.conf"));
    assertThat(new AsteriskConfigCheck().unchecked("musiconhold.conf", "test").checkDirectory(dir)).isEmpty();
  }

  static List<AsteriskConfigCheck.Problem> pjsip(String text) {
    return new AsteriskConfigCheck().check("pjsip.conf", ConfFile.parse("pjsip.conf", text));
  }

  @Test
  void anIdentifyMatchingAHostNameThatDoesNotResolveIsDropped() {
    String conf = """
        [t]
        type = transport
        protocol = udp
        [trunk]
        type = endpoint
        transport = t
        [trunk]
        type = identify
        endpoint = trunk
        match = carrier.example.invalid
        """;
    assertThat(pjsip(conf)).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(10);
      assertThat(p.message()).startsWith("Identify 'trunk' failed when adding resolution results of 'carrier.example.invalid'");
    });
    // the old shipped placeholder is what a real Asterisk 22 logged this error for
    assertThat(pjsip(conf.replace("carrier.example.invalid", "192.0.2.1"))).isEmpty();
    assertThat(pjsip(conf.replace("carrier.example.invalid", "192.0.2.0/24,198.51.100.7:5060"))).isEmpty();
    assertThat(new AsteriskConfigCheck().resolver(h -> h.equals("sip.carrier.cn"))
        .check("pjsip.conf", ConfFile.parse("pjsip.conf", conf.replace("carrier.example.invalid", "sip.carrier.cn"))))
        .isEmpty();
  }

  @Test
  void unknownTypesOptionsAndReferencesAreReported() {
    List<AsteriskConfigCheck.Problem> p = pjsip("""
        [a]
        type = peer
        [b]
        type = endpoint
        aors = nosuch
        nat = yes
        [c]
        username = x
        [d]
        type = identify
        endpoint = b
        """);
    assertThat(p).extracting(AsteriskConfigCheck.Problem::message).anyMatch(m -> m.contains("type = peer"))
        .anyMatch(m -> m.startsWith("Could not find option suitable for category 'b' named 'nat'"))
        .anyMatch(m -> m.contains("aors = nosuch: no such object"))
        .anyMatch(m -> m.contains("[c] has no type"))
        .anyMatch(m -> m.contains("Identify 'd' is not configured to match anything."));
  }

  @Test
  void tlsFilesMustExist() {
    List<AsteriskConfigCheck.Problem> p = pjsip("""
        [tls]
        type = transport
        protocol = tls
        cert_file = /nonexistent/asterisk.crt
        priv_key_file = /nonexistent/asterisk.key
        """);
    assertThat(p).extracting(AsteriskConfigCheck.Problem::message)
        .contains("Transport: tls: cert_file /nonexistent/asterisk.crt is either missing or not readable");
    List<AsteriskConfigCheck.Problem> http = new AsteriskConfigCheck().check("http.conf", ConfFile.parse("http.conf",
        "[general]\nenabled = yes\ntlsenable = yes\ntlscertfile = /nonexistent/a.crt\n"));
    assertThat(http).singleElement().satisfies(x -> assertThat(x.message()).contains("<nonexistent/a.crt>".replace("<", "</")));
    assertThat(new AsteriskConfigCheck().check("http.conf", ConfFile.parse("http.conf",
        "[general]\ntlsenable = yes\n"))).singleElement().satisfies(x -> assertThat(x.message()).contains("without tlscertfile"));
  }

  @Test
  void rtpPortsMustMakeARange() {
    assertThat(new AsteriskConfigCheck().check("rtp.conf", ConfFile.parse("rtp.conf",
        "[general]\nrtpstart = 20000\nrtpend = 10000\n"))).singleElement()
        .satisfies(x -> assertThat(x.message()).isEqualTo("Unreasonable values for RTP start/end port in rtp.conf"));
  }

  @Test
  void queuesWarningsAndDialplanErrorsAreProblems(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("queues.conf"), "[q]\neventwhencalled = yes\n");
    Files.writeString(dir.resolve("extensions.conf"), "[c]\nexten => 1,1,Gosub(x,s,1)\n");
    assertThat(new AsteriskConfigCheck().checkDirectory(dir)).extracting(AsteriskConfigCheck.Problem::toString)
        .anyMatch(s -> s.startsWith("extensions.conf:2:") && s.contains("Gosub"))
        .anyMatch(s -> s.startsWith("queues.conf:2:") && s.contains("eventwhencalled"));
  }
}
