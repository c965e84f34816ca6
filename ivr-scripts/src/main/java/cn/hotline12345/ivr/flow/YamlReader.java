package cn.hotline12345.ivr.flow;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads YAML with the safe constructor and tight limits, so that a hostile or broken file yields an
 * error message instead of arbitrary objects, an alias bomb or a stack overflow.
 */
final class YamlReader {

    /** Largest flow or catalogue file accepted, in code points. */
    static final int MAX_FILE_CODE_POINTS = 1_000_000;

    private YamlReader() {
    }

    /** A parsed document or the reason it could not be parsed. */
    record Result(Object document, String error) {
    }

    static Result read(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(40);
        options.setCodePointLimit(MAX_FILE_CODE_POINTS);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try {
            return new Result(yaml.load(text), null);
        } catch (RuntimeException | StackOverflowError e) {
            // SnakeYAML reports syntax problems as runtime exceptions; the first line names the place.
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(null, "not valid YAML: " + firstLines(msg));
        }
    }

    private static String firstLines(String msg) {
        String oneLine = msg.replace('\r', ' ').replace('\n', ' ').replaceAll(" +", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
