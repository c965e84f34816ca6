package cn.hotline12345.cti.desk.api;

import cn.hotline12345.softphone.ws.DraftMatter;
import cn.hotline12345.softphone.ws.EarlierCall;
import cn.hotline12345.softphone.ws.EarlierMatter;

import java.util.List;

/**
 * What the caller profile and matter features know about a ringing call, for its screen pop.
 * Numbers are never in here: the pop shows the call's own number, masked for the viewer.
 *
 * @param callerName      the caller's name if known (untrusted text)
 * @param repeatReasons   why the caller counts as a repeat caller (empty: not a repeat caller)
 * @param nuisanceReasons the nuisance measures in force and why (empty: none)
 * @param draft           the draft matter, or null
 */
public record PopDetails(String callerName, List<String> repeatReasons, List<String> nuisanceReasons,
                         List<EarlierCall> earlierCalls, List<EarlierMatter> earlierMatters, DraftMatter draft) {

    public PopDetails {
        repeatReasons = List.copyOf(repeatReasons);
        nuisanceReasons = List.copyOf(nuisanceReasons);
        earlierCalls = List.copyOf(earlierCalls);
        earlierMatters = List.copyOf(earlierMatters);
    }
}
