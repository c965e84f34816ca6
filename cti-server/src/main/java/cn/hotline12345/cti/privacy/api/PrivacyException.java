package cn.hotline12345.cti.privacy.api;

import cn.hotline12345.cti.platform.error.Refusal;

/** A refused access to personal data: FORBIDDEN (403) or INVALID (400). */
public final class PrivacyException extends Refusal {

    public PrivacyException(Kind kind, String message) {
        super(kind, null, message);
    }
}
