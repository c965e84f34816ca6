package cn.hotline12345.cti.text.api;

import java.time.Instant;

/**
 * What a trained dispatch model was built from.
 *
 * @param version           increases with every retrain; 0 for the empty model before the first
 * @param trainedAt         when it was built
 * @param examples          examples used
 * @param returned          of those, returned dispatches (evidence against a unit)
 * @param units             distinct handling units it can suggest
 * @param vocabulary        distinct features (words and meaning groups)
 * @param dictionaryVersion the dictionary version it segmented with (a later one means a retrain would pick up new words)
 * @param trainMillis       how long building took
 */
public record ModelInfo(long version, Instant trainedAt, int examples, int returned, int units, int vocabulary,
                        long dictionaryVersion, long trainMillis) {
}
