package dev.sipbridge.app.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request's whole body into memory as it arrives, holding no thread, and only then runs the
 * route: the routes read their bodies with blocking calls, and a client trickling a body one byte a
 * second used to hold one of the server's threads for as long as it liked. A body that misses
 * {@link HttpLimits#bodyDeadline}, arrives slower than the minimum rate, idles out or grows past
 * the limit drops its client with one log line and a count in {@code /metrics}.
 *
 * <p>The rate is checked here, per request: Jetty 12.1's {@code MinimumDataRateHandler} divides the
 * bytes of every request it has seen by one request's time, so a crowd of tricklers passes.
 */
final class BodyLoader implements EagerContentHandler.ContentLoaderFactory {
  private static final Logger LOG = LoggerFactory.getLogger(BodyLoader.class);

  /** The rate is judged only after this long: a body may start slowly. */
  private static final long RATE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final HttpLimits limits;
  private final BridgeServer.DroppedClients dropped;

  BodyLoader(HttpLimits limits, BridgeServer.DroppedClients dropped) {
    this.limits = limits;
    this.dropped = dropped;
  }

  @Override
  public String getApplicableMimeType() {
    return null; // every content type
  }

  @Override
  public EagerContentHandler.ContentLoader newContentLoader(
      String contentType,
      String mimeType,
      Handler next,
      Request request,
      Response response,
      Callback callback) {
    if (request.getLength() > limits.maxBodyBytes()) {
      return null; // the route refuses it by its declared length, without reading it (SPEC §2)
    }
    return new Loader(next, request, response, callback);
  }

  /** The deadline's own failure, told apart from Jetty's idle timeout. */
  private static final class PastDeadline extends TimeoutException {
    private static final long serialVersionUID = 1L;
  }

  /** Reads chunk by chunk; Jetty calls {@link #run} when more content is there. */
  private final class Loader extends EagerContentHandler.ContentLoader implements Invocable.Task {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long startNanos;
    private Scheduler.Task deadline;

    Loader(Handler next, Request request, Response response, Callback callback) {
      super(next, request, response, callback);
    }

    @Override
    protected void load() {
      Request request = getRequest();
      startNanos = System.nanoTime();
      deadline =
          request
              .getComponents()
              .getScheduler()
              .schedule(
                  () -> request.fail(new PastDeadline()),
                  limits.bodyDeadline().toMillis(),
                  TimeUnit.MILLISECONDS);
      read(false);
    }

    @Override
    public void run() {
      read(true);
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING; // it only copies bytes; the route is dispatched
    }

    private void read(boolean onDemand) {
      while (true) {
        Content.Chunk chunk = getRequest().read();
        if (chunk == null) {
          if (tooSlow()) {
            drop("slow_body");
          } else {
            getRequest().demand(this);
          }
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          drop(reason(chunk.getFailure()));
          return;
        }
        ByteBuffer bytes = chunk.getByteBuffer();
        boolean tooLarge = body.size() + bytes.remaining() > limits.maxBodyBytes();
        if (!tooLarge) {
          byte[] copy = new byte[bytes.remaining()];
          bytes.get(copy);
          body.writeBytes(copy);
        }
        chunk.release();
        if (tooLarge) {
          drop("too_large");
          return;
        }
        if (chunk.isLast()) {
          deadline.cancel();
          if (onDemand) {
            // called back on Jetty's I/O thread: the route may block, so run it on a worker
            getRequest().getContext().execute(this::runRoute);
          } else {
            runRoute();
          }
          return;
        }
      }
    }

    private boolean tooSlow() {
      long elapsed = System.nanoTime() - startNanos;
      return elapsed > RATE_GRACE_NANOS
          && body.size() * 1_000_000_000L / elapsed < limits.minBodyBytesPerSecond();
    }

    private void runRoute() {
      handle(new LoadedBody(getRequest(), body.toByteArray()), getResponse(), getCallback());
    }

    private void drop(String reason) {
      deadline.cancel();
      LOG.warn(
          "dropped client {} ({} {}): {}",
          Request.getRemoteAddr(getRequest()),
          getRequest().getMethod(),
          getRequest().getHttpURI().getPath(),
          message(reason));
      dropped.dropped(reason);
      int status =
          reason.equals("too_large")
              ? HttpStatus.PAYLOAD_TOO_LARGE_413
              : HttpStatus.REQUEST_TIMEOUT_408;
      Response.writeError(getRequest(), getResponse(), getCallback(), status);
    }
  }

  /** The reason label of a failed body read ({@code bridge_http_clients_dropped_total}). */
  private static String reason(Throwable failure) {
    if (failure instanceof PastDeadline) {
      return "body_deadline";
    }
    return failure instanceof TimeoutException ? "idle" : "gone";
  }

  private String message(String reason) {
    switch (reason) {
      case "body_deadline":
        return "body not complete within " + limits.bodyDeadline().toSeconds() + " s";
      case "slow_body":
        return "body slower than " + limits.minBodyBytesPerSecond() + " bytes/s";
      case "idle":
        return "sent nothing for " + limits.idleTimeout().toSeconds() + " s";
      case "too_large":
        return "body larger than " + limits.maxBodyBytes() + " bytes";
      default:
        return "went away before its body was complete";
    }
  }

  /** The request with its body already read: the route's reads never block. */
  private static final class LoadedBody extends Request.Wrapper {
    private Content.Chunk next;

    LoadedBody(Request request, byte[] body) {
      super(request);
      this.next = Content.Chunk.from(ByteBuffer.wrap(body), true);
    }

    @Override
    public synchronized Content.Chunk read() {
      Content.Chunk chunk = next;
      next = Content.Chunk.EOF;
      return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
      demandCallback.run();
    }
  }
}
