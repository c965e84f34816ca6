package cn.hotline12345.cti.app.demo;

import cn.hotline12345.cti.matter.api.HandlingUnit;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.matter.api.UnitLevel;

import java.util.List;
import java.util.Random;

/**
 * The short texts staff and units write in demo mode (answers on the spot, replies, return reasons, revisit notes):
 * written for this project. The matters' own texts come from {@code text.synth.HotlineHistoryGenerator}.
 */
final class DemoTexts {

    private DemoTexts() {
    }

    static final List<String> ON_SPOT = List.of(
            "已向来电人解释相关政策，并告知办理渠道和所需材料，来电人表示清楚。",
            "已告知来电人可通过爱山东APP在线办理，来电人表示认可。",
            "已查询知识库并答复来电人办理时间和地点，来电人无其他诉求。");
    static final List<String> REPLIES = List.of(
            "经现场核实，来电反映情况属实，已安排人员处理完毕，并电话告知来电人处理结果。",
            "已联系来电人了解具体情况，协调相关单位于当日完成整改，来电人表示满意。",
            "经核查，已责令相关责任主体限期整改，我单位将持续跟踪，并已向来电人说明。",
            "已组织人员到现场查看，问题已解决，后续将加强日常巡查。",
            "经调查核实，相关情况已依法处理，已向来电人反馈。");
    static final List<String> RETURN_REASONS = List.of(
            "经核实，该事项不属于本单位职责范围，建议转交相关主管部门办理。",
            "事发地不在本辖区，请重新派发至属地单位。");
    static final List<String> REVISIT_NOTES = List.of(
            "回访来电人，对处理结果表示满意。", "回访来电人，表示问题已基本解决。",
            "回访来电人，表示问题仍未解决，要求重新办理。");
    static final List<String> EXTENSION = List.of(
            "需协调多个部门联合现场勘查，申请延期办理。", "涉及工程维修，需等待材料到位，申请延期。");

    static String pick(Random r, List<String> l) {
        return l.get(r.nextInt(l.size()));
    }

    /** 咨询 求助 建议 投诉 举报 (the generator's words) as the matter's category. */
    static MatterCategory category(String chinese) {
        return switch (chinese) {
            case "求助" -> MatterCategory.HELP;
            case "建议" -> MatterCategory.SUGGESTION;
            case "投诉" -> MatterCategory.COMPLAINT;
            case "举报" -> MatterCategory.REPORT;
            default -> MatterCategory.CONSULTATION;
        };
    }

    /** A handling unit for a name of the generator: district governments and management committees are county level. */
    static HandlingUnit unit(String id, String name) {
        boolean county = name.endsWith("政府") || name.endsWith("管委会");
        return new HandlingUnit(id, name, county ? UnitLevel.COUNTY : UnitLevel.CITY, true);
    }
}
