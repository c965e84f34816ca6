package cn.hotline12345.cti.app;

import cn.hotline12345.cti.caller.api.FlagKind;
import cn.hotline12345.cti.caller.internal.NuisanceService;
import cn.hotline12345.cti.desk.api.DeskPorts;
import cn.hotline12345.cti.matter.internal.PartyService;
import cn.hotline12345.cti.privacy.api.Staff;
import cn.hotline12345.cti.privacy.api.StaffRole;
import cn.hotline12345.cti.user.api.Principal;
import io.vertx.core.Future;

import java.util.Optional;

/** The desk's ports bound to the matter slice (units and their numbers) and the caller slice (nuisance flags). */
final class DeskBindings {

    private DeskBindings() {
    }

    static DeskPorts ports(PartyService parties, NuisanceService nuisance) {
        return new DeskPorts() {
            @Override
            public Future<Optional<UnitLine>> unitLine(String unitId) {
                return parties.activeUnit(unitId).map(o -> o.map(u -> new UnitLine(u.id(), u.name(), u.phone())));
            }

            @Override
            public Future<Void> flagCaller(String rawNumber, String kind, String note, Principal by) {
                Staff staff = new Staff(by.username(), StaffRole.valueOf(by.role().name()), by.unitId(), by.canUnmask());
                return nuisance.flag(rawNumber, FlagKind.parse(kind), note, null, staff).mapEmpty();
            }
        };
    }
}
