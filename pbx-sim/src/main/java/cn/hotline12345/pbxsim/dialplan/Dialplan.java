package cn.hotline12345.pbxsim.dialplan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An immutable dialplan: contexts of extensions (literal or Asterisk patterns {@code _X!},
 * {@code _1XXX}) whose steps the simulator runs. Applications understood: NoOp, Answer, Set, Wait,
 * SendDTMF, Playback, GotoIf, Goto, MixMonitor, AGI, Queue, Dial, Hangup.
 */
public final class Dialplan {
  private final Map<String, List<Extension>> contexts;
  private final Map<String, String> globals;

  private Dialplan(Map<String, List<Extension>> contexts, Map<String, String> globals) {
    this.contexts = contexts;
    this.globals = globals;
  }

  /** An extension pattern and its steps (priority n is element n-1). */
  public record Extension(String pattern, List<Step> steps) {
    public boolean matches(String exten) {
      if (!pattern.startsWith("_")) {
        return pattern.equals(exten);
      }
      String p = pattern.substring(1);
      int i = 0;
      for (int k = 0; k < p.length(); k++) {
        char c = p.charAt(k);
        if (c == '!' || c == '.') {
          return c == '!' || i < exten.length();
        }
        if (i >= exten.length()) {
          return false;
        }
        char e = exten.charAt(i++);
        boolean ok = switch (c) {
          case 'X' -> e >= '0' && e <= '9';
          case 'Z' -> e >= '1' && e <= '9';
          case 'N' -> e >= '2' && e <= '9';
          default -> e == c;
        };
        if (!ok) {
          return false;
        }
      }
      return i == exten.length();
    }

    /** Index of the step carrying {@code label}, or -1. */
    public int indexOf(String label) {
      for (int i = 0; i < steps.size(); i++) {
        if (label.equals(steps.get(i).label())) {
          return i;
        }
      }
      return -1;
    }
  }

  public Optional<Extension> find(String context, String exten) {
    List<Extension> list = contexts.get(context);
    if (list == null || exten == null) {
      return Optional.empty();
    }
    for (Extension e : list) {
      if (!e.pattern().startsWith("_") && e.matches(exten)) {
        return Optional.of(e);
      }
    }
    for (Extension e : list) {
      if (e.matches(exten)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  public Map<String, String> globals() {
    return globals;
  }

  /** A copy with one global changed (the simulator sets AGIHOST from its FastAGI target). */
  public Dialplan withGlobal(String name, String value) {
    Map<String, String> g = new LinkedHashMap<>(globals);
    g.put(name, value);
    return new Dialplan(contexts, Collections.unmodifiableMap(g));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a dialplan context by context. */
  public static final class Builder {
    private final Map<String, List<Extension>> contexts = new LinkedHashMap<>();
    private final Map<String, String> globals = new LinkedHashMap<>();
    private String context;
    private List<Step> steps;

    public Builder global(String name, String value) {
      globals.put(name, value);
      return this;
    }

    public Builder context(String name) {
      this.context = name;
      contexts.computeIfAbsent(name, k -> new ArrayList<>());
      return this;
    }

    public Builder exten(String pattern) {
      if (context == null) {
        throw new IllegalStateException("context() first");
      }
      steps = new ArrayList<>();
      contexts.get(context).add(new Extension(pattern, steps));
      return this;
    }

    public Builder step(String app, String template) {
      return step(null, app, v -> v.expand(template));
    }

    public Builder step(String label, String app, Function<Vars, String> data) {
      if (steps == null) {
        throw new IllegalStateException("exten() first");
      }
      steps.add(new Step(label, app, data));
      return this;
    }

    public Dialplan build() {
      Map<String, List<Extension>> copy = new LinkedHashMap<>();
      contexts.forEach((k, v) -> {
        List<Extension> exts = new ArrayList<>();
        v.forEach(e -> exts.add(new Extension(e.pattern(), List.copyOf(e.steps()))));
        copy.put(k, List.copyOf(exts));
      });
      return new Dialplan(Collections.unmodifiableMap(copy), Collections.unmodifiableMap(new LinkedHashMap<>(globals)));
    }
  }

  private static String ifEmpty(Vars v, String name, String dflt) {
    String s = v.get(name);
    return s.isEmpty() ? dflt : s;
  }

  private static String eq(Vars v, String name, String value) {
    return v.get(name).equals(value) ? "1" : "0";
  }

  /** The simulated callers' and agents' phones, shared by both dialplans (as in the captures' etc/). */
  private static Builder phones(Builder b) {
    return b.context("agents").exten("_1XXX")
        .step("Answer", "")
        .step(null, "Wait", v -> ifEmpty(v, "AGENT_TALK", "3"))
        .step("Hangup", "")
        .context("caller-sim").exten("_X!")
        .step("Answer", "")
        .step("Wait", "1")
        .step("SendDTMF", "${EXTEN}")
        .step("Wait", "30")
        .step("Hangup", "")
        .exten("hangup")
        .step("Answer", "")
        .step(null, "Wait", v -> ifEmpty(v, "HOLD", "2"))
        .step("Hangup", "");
  }

  /**
   * The dialplan of the Asterisk captures ({@code etc/extensions.conf}): 12345 runs FastAGI
   * {@code /ivr} then {@code Queue(hotline,t,,,60)}; 12346 queues directly.
   */
  public static Dialplan captures() {
    Builder b = builder().global("AGIHOST", "127.0.0.1:4573")
        .context("from-pstn").exten("12345")
        .step("NoOp", "12345 inbound from ${CALLERID(num)}")
        .step("Answer", "")
        .step("AGI", "agi://${AGIHOST}/ivr")
        .step("Queue", "hotline,t,,,60")
        .step("Hangup", "")
        .exten("12346")
        .step("NoOp", "queue only")
        .step("Answer", "")
        .step("Queue", "hotline,t,,,60")
        .step("Hangup", "");
    return phones(b).build();
  }

  /**
   * The production-shaped dialplan of docs/dialplan-contract.md: 12345 → FastAGI {@code /hotline}
   * → Queue with HOTLINE_QUEUE and HOTLINE_PRIORITY (or hang up / transfer) → {@code /survey} when
   * an agent answered; {@code revisit} context for outbound revisit calls; {@code queue-transfer}
   * (exten = queue name), {@code callback-offer} and {@code callback} for routing (overflow, callbacks).
   * Every FastAGI URL names the PBX: {@code ?pbx=${HOTLINE_PBX}} (the global is empty unless the simulator was
   * given an id with {@link cn.hotline12345.pbxsim.PbxSim.Builder#pbxId}).
   */
  public static Dialplan hotline() {
    Builder b = builder().global("AGIHOST", "127.0.0.1:4573")
        .context("from-pstn").exten("12345")
        .step("NoOp", "12345 inbound")
        .step("Answer", "")
        .step("Set", "HOTLINE_NEXT=queue")
        .step("Set", "HOTLINE_QUEUE=q-general")
        .step("Set", "HOTLINE_PRIORITY=0")
        .step("AGI", "agi://${AGIHOST}/hotline?pbx=${HOTLINE_PBX}")
        .step(null, "GotoIf", v -> eq(v, "HOTLINE_NEXT", "hangup") + "?bye")
        .step(null, "GotoIf", v -> eq(v, "HOTLINE_NEXT", "transfer") + "?xfer")
        .step("Set", "QUEUE_PRIO=${HOTLINE_PRIORITY}")
        .step("MixMonitor", "${UNIQUEID}.wav,b")
        .step("Queue", "${HOTLINE_QUEUE},tc,,,3600")
        .step(null, "GotoIf", v -> (v.get("MEMBERINTERFACE").isEmpty() ? "1" : "0") + "?bye")
        .step("AGI", "agi://${AGIHOST}/survey?pbx=${HOTLINE_PBX}")
        .step("bye", "Hangup", v -> "")
        .step("xfer", "Dial", v -> v.expand("PJSIP/${HOTLINE_TRANSFER_TO}@trunk,60"))
        .step("Hangup", "")
        .context("revisit").exten("_X!")
        .step("Answer", "")
        .step("AGI", "agi://${AGIHOST}/revisit?pbx=${HOTLINE_PBX}")
        .step("Hangup", "")
        .exten("s")
        .step("Answer", "")
        .step("AGI", "agi://${AGIHOST}/revisit?pbx=${HOTLINE_PBX}")
        .step("Hangup", "")
        // a caller moved (server overflow, agent's transfer) into another queue, keeping QUEUE_PRIO
        .context("queue-transfer").exten("_q-.")
        .step("NoOp", "to queue ${EXTEN}")
        .step("Queue", "${EXTEN},tc,,,3600")
        .step(null, "GotoIf", v -> (v.get("MEMBERINTERFACE").isEmpty() ? "1" : "0") + "?bye")
        .step("AGI", "agi://${AGIHOST}/survey?pbx=${HOTLINE_PBX}")
        .step("bye", "Hangup", v -> "")
        // queues.conf context=callback-offer: the waiting caller pressed 1 (not simulated as a digit)
        .context("callback-offer").exten("1")
        .step("Set", "HOTLINE_CALLBACK=1")
        .step("Playback", "hotline/callback-confirmed")
        .step("Hangup", "")
        // the server's callback: Originate PJSIP/<number>@trunk into callback,s with HOTLINE_QUEUE/PRIORITY
        .context("callback").exten("s")
        .step("NoOp", "callback ${HOTLINE_CALLBACK_ID}")
        .step("Answer", "")
        .step("Set", "QUEUE_PRIO=${HOTLINE_PRIORITY}")
        .step("MixMonitor", "${UNIQUEID}.wav,b")
        .step("Queue", "${HOTLINE_QUEUE},tc,,,3600")
        .step(null, "GotoIf", v -> (v.get("MEMBERINTERFACE").isEmpty() ? "1" : "0") + "?bye")
        .step("AGI", "agi://${AGIHOST}/survey?pbx=${HOTLINE_PBX}")
        .step("bye", "Hangup", v -> "");
    return phones(b).build();
  }
}
