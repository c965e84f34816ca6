package cn.hotline12345.cti.phone;

import cn.hotline12345.cti.phone.api.SoftphoneSettings;
import cn.hotline12345.cti.phone.internal.SipAccountService;
import cn.hotline12345.cti.phone.web.SipRoutes;
import cn.hotline12345.cti.phone.web.SoftphoneAssets;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.web.RouteContributor;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The phone slice (issue 23): agents' SIP accounts kept by the server and read by Asterisk as realtime PJSIP rows,
 * the console's softphone settings, and each user's choice of softphone or desk phone.
 */
public final class PhoneModule {

    private final SipAccountService accounts;
    private final List<RouteContributor> routes;

    /**
     * @param pbxIds   the configured PBXs, first = the PBX of users without one
     * @param pbxHosts each PBX's host, for the softphone's WSS address
     */
    public PhoneModule(Db db, SoftphoneSettings settings, List<String> pbxIds, Map<String, String> pbxHosts, Clock clock) {
        this.accounts = new SipAccountService(db, settings.realm(), pbxIds, clock);
        // the assets' /console/* hook must come before the desk's pages: mount these routes before the desk's
        this.routes = List.of(new SoftphoneAssets(settings, pbxHosts.values()), new SipRoutes(accounts, settings, pbxHosts,
                clock));
    }

    /** The SIP accounts and each user's phone mode (the demo gives its keyboard agent a softphone through it). */
    public SipAccountService accounts() {
        return accounts;
    }

    public List<RouteContributor> routes() {
        return routes;
    }
}
