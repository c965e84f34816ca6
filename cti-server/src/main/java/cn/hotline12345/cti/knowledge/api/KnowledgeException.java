package cn.hotline12345.cti.knowledge.api;

import cn.hotline12345.cti.platform.error.Refusal;

/** The one error type of the knowledge base (知识库); its kind becomes the HTTP status. */
public final class KnowledgeException extends Refusal {

    private KnowledgeException(Kind kind, String field, String message) {
        super(kind, field, message);
    }

    public static KnowledgeException invalid(String field, String message) {
        return new KnowledgeException(Kind.INVALID, field, field + ": " + message);
    }

    public static KnowledgeException notFound(String what) {
        return new KnowledgeException(Kind.NOT_FOUND, null, what + " not found");
    }
}
