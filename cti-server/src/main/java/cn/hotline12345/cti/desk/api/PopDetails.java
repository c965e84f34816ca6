package cn.hotline12345.cti.desk.api;

import cn.hotline12345.softphone.ws.DraftMatter;
import cn.hotline12345.softphone.ws.EarlierCall;
import cn.hotline12345.softphone.ws.EarlierMatter;
import cn.hotline12345.softphone.ws.KnowledgeHint;

import java.util.List;

/**
 * What the caller profile, matter and knowledge features know about a ringing call, for its screen pop.
 * Numbers are never in here: the pop shows the call's own number, masked for the viewer.
 *
 * @param callerName      the caller's name if known (untrusted text)
 * @param repeatReasons   why the caller counts as a repeat caller (empty: not a repeat caller), in Chinese
 * @param nuisanceReasons the nuisance measures in force and why (empty: none), in Chinese
 * @param earlierMatters  the caller's matters still open (not the call's own draft)
 * @param draft           the call's draft matter, or null
 * @param suggestions     knowledge base entries for what the caller chose in the IVR (art. 18, 31)
 */
public record PopDetails(String callerName, List<String> repeatReasons, List<String> nuisanceReasons,
                         List<EarlierCall> earlierCalls, List<EarlierMatter> earlierMatters, DraftMatter draft,
                         List<KnowledgeHint> suggestions) {

    public PopDetails {
        repeatReasons = List.copyOf(repeatReasons);
        nuisanceReasons = List.copyOf(nuisanceReasons);
        earlierCalls = List.copyOf(earlierCalls);
        earlierMatters = List.copyOf(earlierMatters);
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
    }

    /** Without knowledge suggestions. */
    public PopDetails(String callerName, List<String> repeatReasons, List<String> nuisanceReasons,
                      List<EarlierCall> earlierCalls, List<EarlierMatter> earlierMatters, DraftMatter draft) {
        this(callerName, repeatReasons, nuisanceReasons, earlierCalls, earlierMatters, draft, List.of());
    }
}
