package cn.hotline12345.pbxsim.ami;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits the bytes a manager client sends into messages: lines end in LF (CR optional), a blank
 * line ends a message. Like Asterisk (whose input buffer is 1025 bytes) a line longer than
 * {@link #MAX_LINE} is dropped whole, and at most {@link #MAX_HEADERS} headers are kept per
 * message, so a hostile client cannot make the simulator buffer without bound.
 */
public final class AmiFramer {
  public static final int MAX_LINE = 1024;
  public static final int MAX_HEADERS = 128;

  private final Consumer<AmiMessage> sink;
  private final byte[] line = new byte[MAX_LINE];
  private int len;
  private boolean overflowing;
  private AmiMessage current;
  private long droppedLines;

  public AmiFramer(Consumer<AmiMessage> sink) {
    this.sink = sink;
  }

  public long droppedLines() {
    return droppedLines;
  }

  public void feed(Buffer data) {
    for (int i = 0; i < data.length(); i++) {
      byte b = data.getByte(i);
      if (b == '\n') {
        endOfLine();
      } else if (overflowing) {
        // discard the rest of an oversized line
      } else if (len == MAX_LINE) {
        overflowing = true;
        droppedLines++;
        len = 0;
      } else {
        line[len++] = b;
      }
    }
  }

  private void endOfLine() {
    if (overflowing) {
      overflowing = false;
      len = 0;
      return;
    }
    int n = len;
    if (n > 0 && line[n - 1] == '\r') {
      n--;
    }
    len = 0;
    if (n == 0) {
      if (current != null) {
        AmiMessage done = current;
        current = null;
        sink.accept(done);
      }
      return;
    }
    String text = new String(line, 0, n, StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    String name;
    String value;
    if (colon < 0) {
      name = text.trim();
      value = "";
    } else {
      name = text.substring(0, colon).trim();
      value = text.substring(colon + 1).trim();
    }
    if (current == null) {
      current = new AmiMessage();
    }
    if (current.size() < MAX_HEADERS) {
      current.add(name, value);
    }
  }
}
