/**
 * The text engine behind {@code text.api}: HanLP segmentation with the hotline dictionary, features, the naive Bayes
 * dispatch model, topic clustering, the similar-matter index and the urgency screen. Only this package imports HanLP;
 * nothing outside {@code text} should import it (the coordinator builds a {@link cn.hotline12345.cti.text.internal.TextEngine}
 * and hands out the {@code text.api} interfaces).
 */
package cn.hotline12345.cti.text.internal;
