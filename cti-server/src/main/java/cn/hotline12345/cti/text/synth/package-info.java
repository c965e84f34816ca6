/**
 * A synthetic but realistic 12345 history for demo mode, tests and benchmarks: matters in typical citizen phrasing,
 * generated from templates and slot fillers written for this project (no text is copied from anywhere), seeded and
 * reproducible, with dispatch outcomes (some returned) and repeated topics (a pothole reported by several callers, a
 * week-long heating outage) whose ground truth the generator keeps.
 */
package cn.hotline12345.cti.text.synth;
