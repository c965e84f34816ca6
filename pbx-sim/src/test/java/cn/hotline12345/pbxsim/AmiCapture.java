package cn.hotline12345.pbxsim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses an AMI byte stream the way compare_ami.py does, and compares two of them. */
final class AmiCapture {
  final List<List<String[]>> messages = new ArrayList<>();

  static AmiCapture parse(byte[] data) {
    AmiCapture c = new AmiCapture();
    String text = new String(data, StandardCharsets.UTF_8);
    for (String block : text.split("\r\n\r\n")) {
      List<String[]> kv = new ArrayList<>();
      for (String line : block.split("\r\n")) {
        if (line.isEmpty()) {
          continue;
        }
        int i = line.indexOf(": ");
        kv.add(i >= 0 ? new String[] {line.substring(0, i), line.substring(i + 2)}
            : new String[] {line.endsWith(":") ? line.substring(0, line.length() - 1) : line, ""});
      }
      if (!kv.isEmpty()) {
        c.messages.add(kv);
      }
    }
    return c;
  }

  List<List<String[]>> events() {
    List<List<String[]>> out = new ArrayList<>();
    for (List<String[]> m : messages) {
      if (m.get(0)[0].equals("Event") && !m.get(0)[1].equals("SuccessfulAuth")) {
        out.add(m);
      }
    }
    return out;
  }

  List<String> eventNames() {
    List<String> out = new ArrayList<>();
    events().forEach(m -> out.add(m.get(0)[1]));
    return out;
  }

  static String value(List<String[]> m, String key) {
    for (String[] kv : m) {
      if (kv[0].equals(key)) {
        return kv[1];
      }
    }
    return null;
  }

  /** Event type to the set of header-name sequences seen for it. */
  Map<String, Set<List<String>>> shapes() {
    Map<String, Set<List<String>>> d = new LinkedHashMap<>();
    for (List<String[]> m : events()) {
      List<String> names = new ArrayList<>();
      m.forEach(kv -> names.add(kv[0]));
      d.computeIfAbsent(m.get(0)[1], k -> new LinkedHashSet<>()).add(names);
    }
    return d;
  }

  static double lcsRatio(List<String> ref, List<String> cand) {
    int[] prev = new int[cand.size() + 1];
    for (int i = 1; i <= ref.size(); i++) {
      int[] cur = new int[cand.size() + 1];
      for (int j = 1; j <= cand.size(); j++) {
        cur[j] = ref.get(i - 1).equals(cand.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      prev = cur;
    }
    return prev[cand.size()] / (double) Math.max(1, ref.size());
  }

  /** compare_ami.py's problems: missing types, header orders that differ, extra types. */
  static List<String> problems(AmiCapture ref, AmiCapture cand) {
    List<String> out = new ArrayList<>();
    Map<String, Set<List<String>>> rs = ref.shapes();
    Map<String, Set<List<String>>> cs = cand.shapes();
    for (var e : rs.entrySet()) {
      if (!cs.containsKey(e.getKey())) {
        out.add("missing event type " + e.getKey());
        continue;
      }
      for (List<String> shape : e.getValue()) {
        if (!cs.get(e.getKey()).contains(shape)) {
          out.add(e.getKey() + ": header order differs; ref " + shape + " vs cand " + cs.get(e.getKey()));
        }
      }
    }
    for (String t : cs.keySet()) {
      if (!rs.containsKey(t)) {
        out.add("extra event type " + t);
      }
    }
    return out;
  }
}
