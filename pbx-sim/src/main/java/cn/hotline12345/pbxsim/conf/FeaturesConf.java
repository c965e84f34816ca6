package cn.hotline12345.pbxsim.conf;

import cn.hotline12345.pbxsim.dialplan.ExtensionsConf;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/**
 * The parts of features.conf the AMI transfer actions depend on (main/features_config.c, branch 22):
 * {@code [featuremap] atxfer} — empty by default ({@code DEFAULT_FEATUREMAP_ATXFER ""}), and then the Atxfer
 * action answers "No attended transfer feature code found" — and {@code [general] atxfernoanswertimeout}
 * (default 15 s).
 *
 * @param atxfer             the attended transfer feature code, "" when none
 * @param noAnswerTimeoutSec how long the transfer target may ring before the transfer is aborted
 */
public record FeaturesConf(String atxfer, int noAnswerTimeoutSec) {
  /** Asterisk 22 without a features.conf. */
  public static final FeaturesConf DEFAULTS = new FeaturesConf("", 15);

  static final Set<String> GENERAL = Set.of("transferdigittimeout", "xfersound", "xferfailsound", "pickupexten",
      "pickupsound", "pickupfailsound", "featuredigittimeout", "recordingfailsound", "atxfernoanswertimeout",
      "atxferdropcall", "atxferloopdelay", "atxfercallbackretries", "atxferabort", "atxfercomplete", "atxferthreeway",
      "atxferswap", "transferdialattempts", "transferretrysound", "transferinvalidsound", "transferannouncesound",
      "courtesytone");
  static final Set<String> FEATUREMAP = Set.of("blindxfer", "disconnect", "automon", "atxfer", "parkcall",
      "automixmon");

  /** The shipped docker/asterisk/features.conf, or Asterisk's defaults when none is shipped. */
  public static FeaturesConf shipped() {
    String path = ExtensionsConf.SHIPPED_DIR + "features.conf";
    try (InputStream in = FeaturesConf.class.getResourceAsStream(path)) {
      if (in == null) {
        return DEFAULTS;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return load(ConfFile.resource(path));
  }

  public static FeaturesConf load(ConfFile conf) {
    String atxfer = DEFAULTS.atxfer();
    int timeout = DEFAULTS.noAnswerTimeoutSec();
    for (ConfFile.Category c : conf.categories()) {
      String cat = c.name().toLowerCase(Locale.ROOT);
      for (ConfFile.Entry e : c.entries()) {
        String k = e.name().toLowerCase(Locale.ROOT);
        if (cat.equals("general")) {
          if (!GENERAL.contains(k)) {
            throw new ConfException(conf.source(), e.line(), "unknown features.conf [general] option '" + e.name() + "'");
          }
          if (k.equals("atxfernoanswertimeout")) {
            try {
              timeout = Integer.parseInt(e.value().strip());
            } catch (NumberFormatException ex) {
              throw new ConfException(conf.source(), e.line(), "atxfernoanswertimeout = " + e.value() + ": not a number");
            }
          }
        } else if (cat.equals("featuremap")) {
          if (!FEATUREMAP.contains(k)) {
            throw new ConfException(conf.source(), e.line(), "unknown [featuremap] feature '" + e.name() + "'");
          }
          if (k.equals("atxfer")) {
            atxfer = e.value().strip();
          }
        } else if (!cat.equals("applicationmap")) {
          throw new ConfException(conf.source(), c.line(), "feature groups ([" + c.name()
              + "]) are not implemented by the simulator");
        }
      }
    }
    return new FeaturesConf(atxfer, timeout);
  }
}
