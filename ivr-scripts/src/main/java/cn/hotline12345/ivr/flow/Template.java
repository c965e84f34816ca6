package cn.hotline12345.ivr.flow;

import java.util.Map;
import java.util.function.Function;

/**
 * {@code ${name}} substitution in flow values. A missing variable becomes the empty string, so an
 * absent caller name or lookup result never breaks a flow; the caller of {@link #expand} sanitises
 * the result before it reaches a channel.
 */
public final class Template {

    private Template() {
    }

    /** Substitutes every {@code ${name}} with {@code vars.apply(name)} ({@code null} = empty). */
    public static String expand(String template, Function<String, String> vars) {
        if (template == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("${", i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open + 2);
            if (close < 0) {
                out.append(template, i, template.length()); // validated flows never get here
                break;
            }
            out.append(template, i, open);
            String value = vars.apply(template.substring(open + 2, close));
            if (value != null) {
                out.append(value);
            }
            i = close + 1;
        }
        return out.toString();
    }

    /** {@link #expand(String, Function)} over a map. */
    public static String expand(String template, Map<String, String> vars) {
        return expand(template, vars::get);
    }

    /** A description of what is wrong with the template, or {@code null} when it is well formed. */
    public static String problem(String template) {
        if (template == null) {
            return null;
        }
        int i = 0;
        while (true) {
            int open = template.indexOf("${", i);
            if (open < 0) {
                return null;
            }
            int close = template.indexOf('}', open + 2);
            if (close < 0) {
                return "unclosed '${' in '" + template + "'";
            }
            String name = template.substring(open + 2, close);
            if (!FlowParser.VAR.matcher(name).matches()) {
                return "'${" + name + "}' does not name a variable";
            }
            i = close + 1;
        }
    }
}
