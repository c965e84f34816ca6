package cn.hotline12345.cti.text.api;

/**
 * What the suggestion is asked for: a matter being written by an agent.
 *
 * @param subject     the matter's subject (标题), may be null
 * @param description the description (诉求内容), may be null
 * @param district    the district (区县) of its location, may be null or unknown
 * @param category    its category (咨询, 求助, 建议, 投诉, 举报, ...), may be null
 */
public record DispatchRequest(String subject, String description, String district, String category) {
}
