package cn.hotline12345.cti.text.api;

import java.util.List;

/**
 * Ranked handling units for a request.
 *
 * @param units        best first; empty only when the model has never been trained on anything
 * @param modelVersion the version of the model that answered (see {@link ModelInfo#version()})
 * @param notes        Chinese sentences about the input (empty text, unknown district, text cut, no model yet)
 */
public record DispatchSuggestion(List<UnitSuggestion> units, long modelVersion, List<String> notes) {
}
