package cn.hotline12345.cti.matter.api;

/**
 * The result of a revisit (回访, art. 25), from the revisit IVR flow's {@code record_revisit} action or an
 * agent. Dissatisfied (or not solved) reopens the matter.
 *
 * @param matterId     the matter revisited
 * @param method       IVR or agent
 * @param solved       whether the caller says it is solved (null: not asked)
 * @param satisfaction the rating (required)
 * @param note         free text, may be null
 */
public record RevisitOutcome(long matterId, RevisitMethod method, Boolean solved, Satisfaction satisfaction,
                             String note) {
}
