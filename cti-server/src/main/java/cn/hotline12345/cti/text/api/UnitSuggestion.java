package cn.hotline12345.cti.text.api;

import java.util.List;

/**
 * One suggested handling unit.
 *
 * @param unit           the unit's name as in the history
 * @param score          the model's probability for this unit among all known units, 0..1 (they sum to 1 over all)
 * @param decisiveWords  the words of the request that spoke most for this unit, strongest first (at most 5); a
 *                       meaning group shows as its concept name
 * @param returnedBefore how many matters this unit returned (退回) in the training history
 */
public record UnitSuggestion(String unit, double score, List<String> decisiveWords, int returnedBefore) {
}
