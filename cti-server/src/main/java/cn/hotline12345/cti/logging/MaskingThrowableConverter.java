package cn.hotline12345.cti.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import cn.hotline12345.cti.privacy.api.PhoneMasking;

/** Stack traces can quote values (an exception message with a number): mask them too. */
public final class MaskingThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PhoneMasking.maskInText(super.convert(event));
    }
}
