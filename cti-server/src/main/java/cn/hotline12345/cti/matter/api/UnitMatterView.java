package cn.hotline12345.cti.matter.api;

import java.util.List;

/**
 * A matter as one of its units sees it in the portal: the matter (its reporter removed when confidential), every
 * unit's share, the attachments, this unit's own requests and where the matter stands against its deadline.
 *
 * @param mine this unit's share
 */
public record UnitMatterView(Matter matter, UnitShare mine, List<UnitShare> shares, List<Attachment> attachments,
                             List<MatterRequest> requests, DueState due) {

    public UnitMatterView {
        shares = List.copyOf(shares);
        attachments = List.copyOf(attachments);
        requests = List.copyOf(requests);
    }
}
