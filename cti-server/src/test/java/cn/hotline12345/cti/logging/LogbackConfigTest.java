package cn.hotline12345.cti.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped logback.xml configures without a single warning (issue 22 item 5): logback prints its whole status
 * block on the console at start as soon as one status is a WARN or an ERROR, e.g. for the deprecated
 * {@code converterClass} attribute of {@code conversionRule} (logback 1.5: "[converterClass] attribute is deprecated
 * and replaced by [class]").
 */
class LogbackConfigTest {

    private static LoggerContext configure(URL xml) throws Exception {
        LoggerContext ctx = new LoggerContext();
        JoranConfigurator c = new JoranConfigurator();
        c.setContext(ctx);
        c.doConfigure(xml);
        return ctx;
    }

    private static List<String> warningsAndErrors(LoggerContext ctx) {
        return ctx.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getEffectiveLevel() >= Status.WARN).map(Status::getMessage).toList();
    }

    @Test
    void theShippedConfigurationRaisesNoWarning() throws Exception {
        URL shipped = Path.of("src/main/resources/logback.xml").toUri().toURL();
        LoggerContext ctx = configure(shipped);
        assertThat(warningsAndErrors(ctx)).isEmpty();
        ctx.stop();
    }

    @Test
    void theTestConfigurationRaisesNoWarningEither() throws Exception {
        LoggerContext ctx = configure(Path.of("src/test/resources/logback-test.xml").toUri().toURL());
        assertThat(warningsAndErrors(ctx)).isEmpty();
        ctx.stop();
    }

    /** The check above can fail: the deprecated attribute is reported as a warning. */
    @Test
    void theDeprecatedAttributeWouldBeReported() throws Exception {
        Path old = java.nio.file.Files.createTempFile("logback-old", ".xml");
        java.nio.file.Files.writeString(old, """
                <configuration>
                  <conversionRule conversionWord="maskedMsg" converterClass="cn.hotline12345.cti.logging.MaskingMessageConverter"/>
                </configuration>
                """);
        LoggerContext ctx = configure(old.toUri().toURL());
        assertThat(warningsAndErrors(ctx)).anySatisfy(m -> assertThat(m).contains("converterClass"));
        ctx.stop();
        java.nio.file.Files.delete(old);
    }

    /** Both conversion words still mask: a caller's number never reaches a log line. */
    @Test
    void theConvertersStillMaskNumbers() throws Exception {
        LoggerContext ctx = configure(Path.of("src/main/resources/logback.xml").toUri().toURL());
        ch.qos.logback.classic.encoder.PatternLayoutEncoder enc =
                (ch.qos.logback.classic.encoder.PatternLayoutEncoder) ((ch.qos.logback.core.OutputStreamAppender<?>)
                        ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).getEncoder();
        ch.qos.logback.classic.spi.LoggingEvent e = new ch.qos.logback.classic.spi.LoggingEvent("x",
                ctx.getLogger("t"), ch.qos.logback.classic.Level.INFO, "caller {}", null, new Object[] {"13800138000"});
        String line = new String(enc.encode(e), StandardCharsets.UTF_8);
        assertThat(line).contains("caller 138****8000").doesNotContain("13800138000");
        ctx.stop();
    }
}
