package cn.hotline12345.pbxsim;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A call the simulator placed. {@link #linkedid()} is the Linkedid/Uniqueid of its first channel,
 * which is what the server keys calls on.
 */
public final class CallHandle {
  private final String channel;
  private final String linkedid;
  private final Future<Void> ended;

  CallHandle(String channel, String linkedid, Future<Void> ended) {
    this.channel = channel;
    this.linkedid = linkedid;
    this.ended = ended;
  }

  public String channel() {
    return channel;
  }

  public String linkedid() {
    return linkedid;
  }

  /** Completes when every channel of the call has hung up. */
  public Future<Void> ended() {
    return ended;
  }

  /** Blocks (test threads only, never an event loop) until the call ended; false on timeout. */
  public boolean awaitEnd(Duration timeout) {
    try {
      ended.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return false;
    }
  }
}
