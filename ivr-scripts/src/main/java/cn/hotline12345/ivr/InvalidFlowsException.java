package cn.hotline12345.ivr;

import cn.hotline12345.ivr.flow.FlowError;

import java.util.List;

/** The flows could not go live; {@link #errors()} names each file, node and problem. */
public final class InvalidFlowsException extends Exception {

    private final transient List<FlowError> errors;

    public InvalidFlowsException(List<FlowError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FlowError> errors() {
        return errors;
    }

    private static String summary(List<FlowError> errors) {
        StringBuilder sb = new StringBuilder(errors.size() + " problem(s) in the IVR flows:");
        errors.stream().limit(50).forEach(e -> sb.append("\n  ").append(e));
        return sb.toString();
    }
}
