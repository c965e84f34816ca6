package cn.hotline12345.cti.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import cn.hotline12345.cti.privacy.api.PhoneMasking;

/**
 * Logback {@code %msg} replacement that masks phone numbers, so no log line ever carries a caller's
 * full number, whichever class logged it (ours or a library's).
 */
public final class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PhoneMasking.maskInText(super.convert(event));
    }
}
