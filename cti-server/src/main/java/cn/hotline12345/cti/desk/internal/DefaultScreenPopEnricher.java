package cn.hotline12345.cti.desk.internal;


import cn.hotline12345.cti.desk.api.PopDetails;
import cn.hotline12345.cti.desk.api.ScreenPopEnricher;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.softphone.ws.DraftMatter;
import io.vertx.core.Future;

import cn.hotline12345.contract.ChannelVariable;
import cn.hotline12345.cti.platform.i18n.Catalogue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pop details from the call alone: the flags the IVR set ({@code HOTLINE_CALLER_FLAGS}: {@code repeat},
 * {@code nuisance-warned}) and the matter it offered ({@code HOTLINE_MATTER}); no history.
 */
public final class DefaultScreenPopEnricher implements ScreenPopEnricher {

    @Override
    public Future<PopDetails> enrich(CallView view, Principal viewer) {
        return Future.succeededFuture(fromView(view));
    }

    /** The details derivable from the call's IVR variables. */
    public static PopDetails fromView(CallView view) {
        List<String> flags = Arrays.stream(view.ivrVars().getOrDefault(ChannelVariable.CALLER_FLAGS, "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<String> repeat = new ArrayList<>();
        List<String> nuisance = new ArrayList<>();
        Catalogue cat = Catalogue.zh();
        if (flags.contains("repeat")) {
            repeat.add(cat.text("desk.pop.ivr_repeat"));
        }
        if (flags.contains("nuisance-warned")) {
            nuisance.add(cat.text("desk.pop.ivr_warned"));
        }
        String matter = view.ivrVars().get(ChannelVariable.MATTER);
        DraftMatter draft = matter == null || matter.isBlank() ? null
                : new DraftMatter(null, truncate(matter, 64), null, null, null);
        String said = view.ivrVars().get(ChannelVariable.CALLER_NAME);
        return new PopDetails(said != null && !said.isBlank() ? said : view.callerName(), repeat, nuisance, List.of(),
                List.of(), draft);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
