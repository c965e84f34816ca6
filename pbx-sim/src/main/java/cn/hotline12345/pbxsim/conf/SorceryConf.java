package cn.hotline12345.pbxsim.conf;

import cn.hotline12345.pbxsim.conf.AsteriskConfigCheck.Problem;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks sorcery.conf's object mappings as Asterisk 22 applies them (main/sorcery.c
 * {@code __ast_sorcery_apply_config}: each line of a module's category is {@code type[/options] = wizard,data}, and a
 * wizard that cannot open its data is skipped: "Wizard '%s' failed to open mapping for object type '%s' with data").
 * What it knows: the res_pjsip category and its object types, the wizards Asterisk ships, a realtime mapping's family
 * that extconfig.conf must define (res/res_sorcery_realtime.c sorcery_realtime_open: "if
 * (!ast_realtime_is_mapping_defined(family)) return NULL"), and a config mapping's file and criteria. A type mapped
 * here loses res_pjsip's default {@code config,pjsip.conf,criteria=type=<type>}, so a type mapped without pjsip.conf
 * would drop the objects pjsip.conf defines: that is reported too.
 */
final class SorceryConf {

    private static final Map<String, Set<String>> TYPES = Map.of(
            "res_pjsip", Set.of("endpoint", "auth", "aor", "contact", "domain_alias", "transport", "global", "system"),
            "res_pjsip_endpoint_identifier_ip", Set.of("identify"),
            "res_pjsip_outbound_registration", Set.of("registration"));
    private static final Set<String> WIZARDS = Set.of("config", "realtime", "memory", "memory_cache", "astdb");

    private SorceryConf() {
    }

    /** @param realtimeFamilies the families extconfig.conf's [settings] defines (null: extconfig.conf not known) */
    static void check(String file, ConfFile conf, Set<String> realtimeFamilies, List<Problem> out) {
        for (ConfFile.Category c : conf.categories()) {
            if (c.name().equals("general")) {
                continue;
            }
            Set<String> types = TYPES.get(c.name());
            if (types == null) {
                out.add(new Problem(file, c.line(), "[" + c.name() + "]: no module the simulator knows maps its objects here"));
                continue;
            }
            Map<String, Boolean> pjsipConfSeen = new HashMap<>();
            for (ConfFile.Entry e : c.entries()) {
                String type = e.name().toLowerCase(Locale.ROOT).replaceFirst("/.*$", "");
                if (!types.contains(type)) {
                    out.add(new Problem(file, e.line(), "[" + c.name() + "] has no object type '" + type + "'"));
                    continue;
                }
                String[] p = e.value().split(",", 2);
                String wizard = p[0].strip();
                String data = p.length > 1 ? p[1].strip() : "";
                if (!WIZARDS.contains(wizard)) {
                    out.add(new Problem(file, e.line(), "Wizard '" + wizard + "' could not be applied to object type '" + type
                            + "' as it was not found"));
                    continue;
                }
                pjsipConfSeen.putIfAbsent(type, false);
                if (wizard.equals("realtime")) {
                    String family = data.split(",", 2)[0].strip();
                    if (family.isEmpty() || (realtimeFamilies != null && !realtimeFamilies.contains(family))) {
                        out.add(new Problem(file, e.line(), "Wizard 'realtime' failed to open mapping for object type '" + type
                                + "' with data: " + data + " (extconfig.conf defines no family '" + family + "')"));
                    }
                } else if (wizard.equals("config")) {
                    if (!data.startsWith("pjsip.conf") && c.name().startsWith("res_pjsip")) {
                        out.add(new Problem(file, e.line(), "config wizard of " + type + " reads '" + data
                                + "', not pjsip.conf"));
                    } else if (!data.contains("criteria=type=" + type)) {
                        // without it every category of the file is tried as this type (res_sorcery_config.c)
                        out.add(new Problem(file, e.line(), "config wizard of " + type + " without criteria=type=" + type
                                + ": every pjsip.conf category would be read as a " + type));
                    } else {
                        pjsipConfSeen.put(type, true);
                    }
                }
            }
            pjsipConfSeen.forEach((type, seen) -> {
                if (!seen && c.name().equals("res_pjsip") && Set.of("endpoint", "auth", "aor", "transport").contains(type)) {
                    out.add(new Problem(file, c.line(), "[res_pjsip] maps " + type + " without config,pjsip.conf,criteria=type="
                            + type + ": pjsip.conf's " + type + " objects would no longer be loaded"));
                }
            });
        }
    }
}
