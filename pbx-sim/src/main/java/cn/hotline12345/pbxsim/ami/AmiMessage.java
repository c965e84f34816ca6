package cn.hotline12345.pbxsim.ami;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One AMI message (action, response or event): header names and values in wire order.
 * Built once on the simulator's context and then only read; the order of {@link #add} calls is
 * the order on the wire, which is what the fidelity tests check against the Asterisk captures.
 */
public final class AmiMessage {
  private final List<String> names = new ArrayList<>(20);
  private final List<String> values = new ArrayList<>(20);
  private int category;

  /**
   * An event as {@code manager_event} builds it: {@code Event:} and {@code Privilege:} first. Its category (the
   * classes named in {@code privilege}, e.g. {@code "call,all"} = call) decides which sessions may receive it.
   */
  public static AmiMessage event(String name, String privilege) {
    AmiMessage m = new AmiMessage().add("Event", name);
    if (privilege == null) {
      return m;
    }
    m.category = ManagerPerms.categoryOf(privilege);
    return m.add("Privilege", privilege);
  }

  /** A response; {@code ActionID} only when the action had a non-empty one ({@code astman_send_response_full}). */
  public static AmiMessage response(String response, String actionId) {
    AmiMessage m = new AmiMessage().add("Response", response);
    return actionId == null || actionId.isEmpty() ? m : m.add("ActionID", actionId);
  }

  /**
   * The event's class bits ({@link ManagerPerms}); 0 for messages that are not {@code manager_event}s (responses and
   * the items of a list action, which Asterisk writes straight to the asking session).
   */
  public int category() {
    return category;
  }

  /** Appends a header; a null value is written as empty, as Asterisk writes unset fields. */
  public AmiMessage add(String name, String value) {
    names.add(name);
    values.add(value == null ? "" : value);
    return this;
  }

  public AmiMessage addIf(boolean cond, String name, String value) {
    return cond ? add(name, value) : this;
  }

  /** First value of a header, case-insensitive like Asterisk's astman_get_header, or null. */
  public String get(String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return values.get(i);
      }
    }
    return null;
  }

  /** All values of a repeated header (e.g. Variable in Originate). */
  public List<String> getAll(String name) {
    List<String> out = new ArrayList<>(2);
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        out.add(values.get(i));
      }
    }
    return out;
  }

  public String name() {
    return names.isEmpty() ? "" : values.get(0);
  }

  public List<String> headerNames() {
    return Collections.unmodifiableList(names);
  }

  public int size() {
    return names.size();
  }

  public String nameAt(int i) {
    return names.get(i);
  }

  public String valueAt(int i) {
    return values.get(i);
  }

  /** Serialises as Asterisk does: "Name: value" lines with CRLF and a blank line at the end. */
  public Buffer toBuffer() {
    StringBuilder sb = new StringBuilder(names.size() * 40);
    for (int i = 0; i < names.size(); i++) {
      sb.append(names.get(i)).append(": ").append(values.get(i)).append("\r\n");
    }
    sb.append("\r\n");
    return Buffer.buffer(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return toBuffer().toString(StandardCharsets.UTF_8);
  }
}
