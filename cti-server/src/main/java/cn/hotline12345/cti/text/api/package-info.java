/**
 * Chinese text intelligence for the 12345 hotline: the small public contract (records and ports) that the
 * web layer, the matter slice and the reports page build on.
 *
 * <p>Everything here is offline and in-process. The entry point is {@link cn.hotline12345.cti.text.api.TextIntelligence};
 * the ports the coordinator implements are {@link cn.hotline12345.cti.text.api.DictionaryStore} (persistence of the
 * editable hotline dictionary) and {@link cn.hotline12345.cti.text.api.DispatchHistory} (past matters with the unit they
 * went to and how that ended). No type here depends on the engine ({@code text.internal}) or on HanLP.
 *
 * <p>Threading: every method may be called from any thread; none blocks on I/O except
 * {@link cn.hotline12345.cti.text.api.DispatchSuggester#retrain()} (reads the history port) and the mutators of
 * {@link cn.hotline12345.cti.text.api.HotlineDictionary} (write through the store port), which therefore belong on a
 * worker thread, never on a Vert.x event loop. Analysis calls are CPU-bound and short (see docs/text-intelligence.md).
 *
 * <p>Bad input never throws: null, empty, oversized, non-Chinese or control-character text and unknown districts give a
 * normal result with {@code notes} (Chinese sentences an agent can read) saying what was ignored or cut.
 */
package cn.hotline12345.cti.text.api;
