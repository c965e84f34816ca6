package cn.hotline12345.ivr.flow;

/**
 * One problem found in a flow or catalogue file.
 *
 * @param file    the file name (e.g. {@code flows/hotline.yaml})
 * @param node    the node id, or {@code null} for a file-level problem
 * @param message what is wrong, in words an operator understands
 */
public record FlowError(String file, String node, String message) {
    @Override
    public String toString() {
        return node == null ? file + ": " + message : file + ": node '" + node + "': " + message;
    }
}
