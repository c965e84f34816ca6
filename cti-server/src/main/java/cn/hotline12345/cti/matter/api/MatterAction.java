package cn.hotline12345.cti.matter.api;


import cn.hotline12345.cti.matter.internal.MatterLifecycle;
/** Everything that can be done to a matter; {@link MatterLifecycle} says when and by whom. */
public enum MatterAction {
    /** Edit the fields of an open, not yet dispatched matter. */
    EDIT,
    ACCEPT,
    NOT_ACCEPT,
    ANSWER_ON_SPOT,
    DISPATCH,
    SIGN_FOR,
    START,
    REPLY,
    RETURN,
    REQUEST_EXTENSION,
    REVIEW_EXTENSION,
    REQUEST_TERMINATION,
    APPROVE_TERMINATION,
    REFUSE_TERMINATION,
    ESCALATE,
    REVISIT_SATISFIED,
    REOPEN,
    CLOSE;

    public String code() {
        return Codes.db(this);
    }
}
