package cn.hotline12345.ivr.flow;

import cn.hotline12345.ivr.AgiText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code prompts/catalogue.yaml}: {@code prompts: {<id>: {text: <Mandarin>, file: <sound>}}}, with an
 * optional {@code speech:} per prompt (what the synthesizer reads instead of the text).
 * Sound file names must be safe for STREAM FILE (letters, digits, {@code _-/.}, no {@code ..}).
 */
public final class CatalogueParser {

    private CatalogueParser() {
    }

    /** The catalogue (null when unusable) and the problems found. */
    public record Result(PromptCatalogue catalogue, List<FlowError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    public static Result parse(String file, String text) {
        List<FlowError> errors = new ArrayList<>();
        YamlReader.Result yaml = YamlReader.read(text == null ? "" : text);
        if (yaml.error() != null) {
            errors.add(new FlowError(file, null, yaml.error()));
            return new Result(null, errors);
        }
        if (!(yaml.document() instanceof Map<?, ?> top)) {
            errors.add(new FlowError(file, null, "the catalogue must be a mapping with 'prompts'"));
            return new Result(null, errors);
        }
        Fields f = new Fields(file, null, top, errors);
        Object raw = f.any("prompts");
        f.rejectUnknown();
        if (!(raw instanceof Map<?, ?> prompts) || prompts.isEmpty()) {
            errors.add(new FlowError(file, null, "'prompts' must be a non-empty mapping of prompt id to {text, file}"));
            return new Result(null, errors);
        }
        Map<String, Prompt> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : prompts.entrySet()) {
            String id = Fields.scalarText(e.getKey());
            if (id == null || !FlowParser.NODE_ID.matcher(id).matches()) {
                errors.add(new FlowError(file, null, "bad prompt id " + Fields.describe(e.getKey())));
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> body)) {
                errors.add(new FlowError(file, id, "a prompt must be a mapping with 'text' and 'file'"));
                continue;
            }
            Fields pf = new Fields(file, id, body, errors);
            String textValue = pf.text("text", true);
            String sound = pf.text("file", true);
            String speech = pf.text("speech", false);
            pf.rejectUnknown();
            if (textValue != null && textValue.isBlank()) {
                pf.error("prompt text is empty");
            }
            if (sound != null && AgiText.soundFile(sound) == null) {
                pf.error("sound file name '" + sound + "' may only use letters, digits, '_', '-', '/', '.'");
            }
            if (speech != null && speech.isBlank()) {
                pf.error("'speech' is empty (leave it out to speak the text)");
            }
            Prompt sameFile = textValue == null || sound == null ? null
                    : out.values().stream().filter(p -> p.file().equals(sound)).findFirst().orElse(null);
            if (sameFile != null && !(sameFile.text().equals(textValue) && java.util.Objects.equals(sameFile.speech(), speech))) {
                // one file can only say one thing: the announcer records it once, the build synthesizes it once
                pf.error("plays file '" + sound + "' like prompt '" + sameFile.id() + "', but with another text");
            }
            if (textValue != null && sound != null) {
                out.put(id, new Prompt(id, textValue, sound, speech));
            }
        }
        return new Result(errors.isEmpty() ? new PromptCatalogue(file, out) : null, errors);
    }
}
