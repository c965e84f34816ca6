package cn.hotline12345.cti.desk.internal;

import cn.hotline12345.contract.ChannelVariable;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.desk.api.PopDetails;
import cn.hotline12345.cti.privacy.api.PhoneMasking;
import cn.hotline12345.softphone.ws.CallerInfo;

import java.util.Arrays;
import java.util.List;

/** The caller as a pop shows them, and the IVR path: untrusted text bounded, the number always masked. */
final class PopMessages {

    private PopMessages() {
    }

    static CallerInfo caller(CallView view, PopDetails d) {
        String number = view.callerNumber();
        // Always masked on the pop: an unmask is an audited request with a reason, never a side effect of a ring. The
        // matter form gets the number from the call's draft on the server, without the console ever seeing it.
        return new CallerInfo(PhoneMasking.mask(number), number != null,
                cap(d.callerName() != null ? d.callerName() : view.callerName(), 100),
                !d.repeatReasons().isEmpty(), d.repeatReasons(), !d.nuisanceReasons().isEmpty(), d.nuisanceReasons());
    }

    /** Untrusted text from the PBX or other systems is bounded before it travels to browsers. */
    static String cap(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static List<String> ivrPath(CallView view) {
        String path = view.ivrPath() != null ? view.ivrPath() : view.ivrVars().get(ChannelVariable.IVR_PATH);
        if (path == null || path.isBlank()) {
            return List.of();
        }
        return Arrays.stream(path.split(">")).map(String::strip).filter(s -> !s.isEmpty()).limit(50)
                .map(s -> cap(s, 64)).toList();
    }
}
