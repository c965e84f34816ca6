package cn.hotline12345.ivr.engine;

import cn.hotline12345.ivr.AgiText;
import cn.hotline12345.ivr.flow.Node;
import cn.hotline12345.ivr.flow.Prompt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Executes one node of a {@link Session} and says where the flow goes next. */
final class NodeRunner {

    private final Session s;

    NodeRunner(Session session) {
        this.s = session;
    }

    CompletionStage<Session.Step> run(Node node) {
        if (node instanceof Node.Play p) {
            return play(p);
        } else if (node instanceof Node.Collect c) {
            return collect(c, 0);
        } else if (node instanceof Node.Menu m) {
            return menu(m, 0);
        } else if (node instanceof Node.SayDigits d) {
            return sayDigits(d);
        } else if (node instanceof Node.SayNumber n) {
            return sayNumber(n);
        } else if (node instanceof Node.SetVariable v) {
            return set(v);
        } else if (node instanceof Node.GetVariable g) {
            return getVariable(g);
        } else if (node instanceof Node.Call c) {
            return call(c);
        } else if (node instanceof Node.Condition c) {
            s.visit(c, "");
            return done(new Session.Step.Next(new GuardEvaluator(s.vars(), s.services()).choose(c)));
        } else if (node instanceof Node.Queue q) {
            s.visit(q, "");
            return playAll(q.prompts()).thenCompose(v -> route(q.queue(), q.priority()))
                    .thenApply(v -> new Session.Step.End(IvrOutcome.Ending.QUEUE, q.queue(), q.priority(), null));
        } else if (node instanceof Node.Transfer t) {
            s.visit(t, "");
            String to = AgiText.digits(t.to());
            return playAll(t.prompts())
                    .thenCompose(v -> setAll(s.endVariables("transfer", null, 0, to)))
                    .thenApply(v -> new Session.Step.End(IvrOutcome.Ending.TRANSFER, null, 0, to));
        } else if (node instanceof Node.Hangup h) {
            s.visit(h, "");
            return playAll(h.prompts())
                    .thenCompose(v -> setAll(s.endVariables("hangup", null, 0, null)))
                    .thenApply(v -> new Session.Step.End(IvrOutcome.Ending.HANGUP, null, 0, null));
        } else if (node instanceof Node.GotoFlow g) {
            s.visit(g, "");
            return done(new Session.Step.Jump(g.flow()));
        }
        throw new IllegalStateException("unhandled node kind " + node.kind());
    }

    /** Sets the variables that send the caller to {@code queue}. */
    CompletionStage<Void> route(String queue, int priority) {
        return setAll(s.endVariables("queue", queue, priority, null));
    }

    private static CompletionStage<Session.Step> done(Session.Step step) {
        return CompletableFuture.completedFuture(step);
    }

    private String file(String promptId) {
        // validated flows only name catalogue prompts; the catalogue's file names are checked on load
        Prompt p = s.flows().catalogue().prompt(promptId).orElseThrow(
                () -> new IllegalStateException("prompt '" + promptId + "' not in catalogue"));
        return p.file();
    }

    private List<String> files(List<String> promptIds) {
        List<String> out = new ArrayList<>(promptIds.size());
        promptIds.forEach(id -> out.add(file(id)));
        return out;
    }

    private CompletionStage<Void> playAll(List<String> promptIds) {
        if (promptIds.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return s.channel().play(files(promptIds), "").thenApply(r -> null);
    }

    private CompletionStage<Void> setAll(List<String[]> pairs) {
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (String[] pair : pairs) {
            chain = chain.thenCompose(v -> s.channel().setVariable(pair[0], pair[1]));
        }
        return chain;
    }

    private CompletionStage<Session.Step> play(Node.Play p) {
        List<String> sounds;
        if (p.sound() != null) {
            String dynamic = AgiText.soundFile(s.expand(p.sound()));
            sounds = List.of(dynamic != null ? dynamic : file(p.fallbackPrompt()));
        } else {
            sounds = files(p.prompts());
        }
        return s.channel().play(sounds, p.bargeIn()).thenApply(r -> {
            String d = r == null ? "" : r.digit();
            String target = d.length() == 1 ? p.onDigit().get(d) : null;
            if (target != null) {
                s.visit(p, d);
                return new Session.Step.Next(target);
            }
            s.visit(p, "");
            return new Session.Step.Next(p.next());
        });
    }

    private CompletionStage<Session.Step> collect(Node.Collect c, int attempt) {
        return s.channel().collect(file(c.prompt()), c.timeoutMs(), c.maxDigits()).thenCompose(r -> {
            String raw = r == null ? "" : r.digits();
            int term = raw.indexOf(c.terminator());
            String entered = AgiText.dtmf(term >= 0 ? raw.substring(0, term) : raw, c.maxDigits());
            boolean timedOut = r != null && r.timedOut();
            if (entered.isEmpty() && !timedOut && c.onEmpty() != null) {
                s.visit(c, "#");
                return done(new Session.Step.Next(c.onEmpty()));
            }
            if (entered.isEmpty() && timedOut) {
                return retryCollect(c, attempt, c.timeoutPrompt(), "timeout");
            }
            boolean digitsOnly = entered.chars().allMatch(ch -> ch >= '0' && ch <= '9');
            if (digitsOnly && entered.length() >= c.minDigits() && entered.length() <= c.maxDigits()) {
                s.putVar(c.into(), entered);
                s.visit(c, "");
                return done(new Session.Step.Next(c.next()));
            }
            return retryCollect(c, attempt, c.invalidPrompt(), "invalid");
        });
    }

    private CompletionStage<Session.Step> retryCollect(Node.Collect c, int attempt, String prompt, String why) {
        if (attempt >= c.retries()) {
            s.visit(c, why);
            return done(new Session.Step.Next(c.onFailure()));
        }
        return playAll(prompt == null ? List.of() : List.of(prompt)).thenCompose(v -> collect(c, attempt + 1));
    }

    private CompletionStage<Session.Step> menu(Node.Menu m, int attempt) {
        String keys = String.join("", new java.util.TreeSet<>(m.choices().keySet()));
        List<String> lead = m.prompts().subList(0, m.prompts().size() - 1);
        String last = m.prompts().get(m.prompts().size() - 1);
        CompletionStage<PlayResult> intro = lead.isEmpty()
                ? CompletableFuture.completedFuture(PlayResult.none())
                : s.channel().play(files(lead), keys);
        return intro.thenCompose(pr -> {
            String early = pr == null ? "" : pr.digit();
            if (!early.isEmpty()) {
                return CompletableFuture.completedFuture(DigitsResult.entered(early));
            }
            return s.channel().collect(file(last), m.timeoutMs(), 1);
        }).thenCompose(r -> {
            String d = r == null ? "" : AgiText.dtmf(r.digits(), 1);
            if (d.isEmpty() && (r == null || r.timedOut())) {
                return retryMenu(m, attempt, m.timeoutPrompt(), "timeout");
            }
            String target = m.choices().get(d);
            if (target == null) {
                return retryMenu(m, attempt, m.invalidPrompt(), "invalid");
            }
            if (m.into() != null) {
                s.putVar(m.into(), d);
            }
            s.visit(m, d);
            return done(new Session.Step.Next(target));
        });
    }

    private CompletionStage<Session.Step> retryMenu(Node.Menu m, int attempt, String prompt, String why) {
        if (attempt >= m.retries()) {
            s.visit(m, why);
            return done(new Session.Step.Next(m.onFailure()));
        }
        return playAll(prompt == null ? List.of() : List.of(prompt)).thenCompose(v -> menu(m, attempt + 1));
    }

    private CompletionStage<Session.Step> sayDigits(Node.SayDigits d) {
        s.visit(d, "");
        String digits = AgiText.digits(s.expand(d.digits()));
        if (digits.isEmpty()) {
            return done(new Session.Step.Next(d.next())); // nothing sayable: skip rather than fail the call
        }
        return s.channel().sayDigits(digits).thenApply(v -> new Session.Step.Next(d.next()));
    }

    private CompletionStage<Session.Step> sayNumber(Node.SayNumber n) {
        s.visit(n, "");
        Long value = AgiText.parseLong(s.expand(n.number()));
        if (value == null) {
            return done(new Session.Step.Next(n.next()));
        }
        return s.channel().sayNumber(value).thenApply(v -> new Session.Step.Next(n.next()));
    }

    private CompletionStage<Session.Step> set(Node.SetVariable v) {
        s.visit(v, "");
        String value = s.expand(v.value());
        if (v.append()) {
            String old = s.vars().getOrDefault(v.variable(), "");
            boolean present = old.isEmpty() ? false : List.of(old.split(",")).contains(value);
            value = old.isEmpty() ? value : present || value.isEmpty() ? old : old + "," + value;
            value = AgiText.clean(value);
        }
        s.putVar(v.variable(), value);
        Session.Step next = new Session.Step.Next(v.next());
        switch (v.scope()) {
            case CHANNEL:
                return s.channel().setVariable(v.variable(), value).thenApply(x -> next);
            case RESULT:
                s.putResult(v.variable(), value);
                return done(next);
            default:
                return done(next);
        }
    }

    private CompletionStage<Session.Step> getVariable(Node.GetVariable g) {
        s.visit(g, "");
        return s.channel().getVariable(g.variable()).thenApply(value -> {
            s.putVar(g.into(), value);
            return new Session.Step.Next(g.next());
        });
    }

    private CompletionStage<Session.Step> call(Node.Call c) {
        s.visit(c, "");
        Map<String, String> args = new LinkedHashMap<>();
        c.args().forEach((k, v) -> args.put(k, s.expand(v)));
        Map<String, String> frozen = Map.copyOf(args);
        CompletionStage<Map<String, String>> stage;
        try {
            stage = c.action() ? s.services().perform(c.name(), frozen) : s.services().lookup(c.name(), frozen);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        if (stage == null) {
            stage = CompletableFuture.completedFuture(Map.of());
        }
        String onError = c.onError() != null ? c.onError() : c.next();
        return stage.handle((result, err) -> {
            if (err != null) {
                s.putVar(c.into() + ".error", "true");
                return new Session.Step.Next(onError);
            }
            s.putLookupResult(c.into(), result);
            return new Session.Step.Next(c.next());
        });
    }
}
