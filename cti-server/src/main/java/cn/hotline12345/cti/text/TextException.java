package cn.hotline12345.cti.text;

import cn.hotline12345.cti.platform.error.Refusal;

/** The text slice's one error type: a request its routes refuse (mapped to JSON by {@code platform.web.Api}). */
public final class TextException extends Refusal {

    public TextException(Kind kind, String field, String message) {
        super(kind, field, message);
    }

    /** 503 while the engine is still being built at start-up. */
    static TextException notReady() {
        return (TextException) new TextException(Kind.UNAVAILABLE, null, "the text engine is starting").tell("text.not_ready");
    }
}
