package dev.sipbridge.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.realtime.ClientEvents;
import dev.sipbridge.core.realtime.ServerEvent;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The GA function-call protocol of one call: spots each function call the model makes (in any of
 * the events that carry it), runs it once off the socket thread with a timeout, answers it with a
 * {@code function_call_output}, and asks for a new response only when none is active.
 *
 * <p>Thread-safe: events arrive from the call's event thread, results from worker threads.
 */
public final class FunctionCallProtocol {
  private static final System.Logger LOG = System.getLogger(FunctionCallProtocol.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Told about each finished tool call (the call's record, and from there the metrics). */
  public interface Listener {
    /** A tool call finished: what it was given, what it answered, how it went. */
    void toolRan(
        String toolName, String arguments, String output, ToolOutcome outcome, Duration took);
  }

  private final IncomingCall call;
  private final ToolRegistry tools;
  private final Executor workers;
  private final Duration timeout;
  private final Consumer<String> send;
  private final Listener listener;
  private final AfterResponseActions afterResponse;

  private final Set<String> seenCallIds = new HashSet<>();
  private int running;
  private boolean responseActive;
  private boolean outputsAwaitingResponse;
  private boolean closed;

  /**
   * @param send writes one client event on the call's socket (thread-safe, non-blocking)
   * @param goodbyeGrace how long after the answering response is done an after-response action
   *     waits for the agent's audio to stop playing
   */
  public FunctionCallProtocol(
      IncomingCall call,
      ToolRegistry tools,
      Executor workers,
      java.util.concurrent.ScheduledExecutorService scheduler,
      Duration timeout,
      Duration goodbyeGrace,
      Consumer<String> send,
      Listener listener) {
    this(
        call,
        tools,
        workers,
        new AfterResponseActions(
            scheduler, goodbyeGrace, AfterResponseActions.START_WAIT, AfterResponseActions.LIMIT),
        timeout,
        send,
        listener);
  }

  /** With the after-response actions given (tests shorten their bounds). */
  FunctionCallProtocol(
      IncomingCall call,
      ToolRegistry tools,
      Executor workers,
      AfterResponseActions afterResponse,
      Duration timeout,
      Consumer<String> send,
      Listener listener) {
    this.call = call;
    this.tools = tools;
    this.workers = workers;
    this.timeout = timeout;
    this.send = send;
    this.listener = listener;
    this.afterResponse = afterResponse;
  }

  /** Feeds one server event. */
  public synchronized void onEvent(ServerEvent event) {
    switch (event.type()) {
      case "response.created":
        responseActive = true;
        event.text("response", "id").ifPresent(afterResponse::responseCreated);
        break;
      case "response.done":
        responseActive = false;
        // Held while the calls start: a tool that finishes at once must not ask for a response
        // before the other calls of this response have started.
        running++;
        try {
          for (ServerEvent item : event.objects("response", "output")) {
            onFunctionCallItem(item);
          }
        } finally {
          running--;
        }
        event.text("response", "id").ifPresent(afterResponse::responseDone);
        maybeRequestResponse();
        break;
      case "response.output_item.done":
      case "conversation.item.done":
        event.object("item").ifPresent(this::onFunctionCallItem);
        break;
      case "response.function_call_arguments.done":
        start(event.text("call_id"), event.text("name"), event.text("arguments").orElse(""));
        break;
      case "output_audio_buffer.stopped":
        event.text("response_id").ifPresent(afterResponse::audioStopped);
        break;
      case "error":
        if (event
            .text("error", "code")
            .filter("conversation_already_has_active_response"::equals)
            .isPresent()) {
          // Our response.create lost a race with a response the server started; ask again later.
          responseActive = true;
          outputsAwaitingResponse = true;
          afterResponse.requestRefused();
        }
        break;
      default:
        break;
    }
  }

  /**
   * Adds an item to the conversation (e.g. a note that a transfer failed) and lets the model answer
   * it, with the same rule as tool outputs: no response.create while one is active.
   */
  public synchronized void tellModel(String conversationItemCreateJson) {
    if (closed) {
      return;
    }
    send.accept(conversationItemCreateJson);
    outputsAwaitingResponse = true;
    maybeRequestResponse();
  }

  /**
   * A new socket replaced a dropped one: a response that was active on the old socket will never
   * report its end here, so stop waiting for it.
   */
  public synchronized void socketReplaced() {
    responseActive = false;
    maybeRequestResponse();
  }

  /** The call is over: results still running are dropped, nothing more is sent. */
  public synchronized void close() {
    closed = true;
    afterResponse.cancel();
  }

  /** Whether a tool is still running. */
  public synchronized boolean busy() {
    return running > 0;
  }

  private void onFunctionCallItem(ServerEvent item) {
    if ("function_call".equals(item.type())) {
      start(item.text("call_id"), item.text("name"), item.text("arguments").orElse(""));
    }
  }

  private void start(
      java.util.Optional<String> toolCallId, java.util.Optional<String> name, String arguments) {
    if (closed || toolCallId.isEmpty() || !seenCallIds.add(toolCallId.get())) {
      return;
    }
    String id = toolCallId.get();
    String toolName = name.orElse("");
    running++;
    long startNanos = System.nanoTime();
    CompletableFuture.supplyAsync(() -> execute(id, toolName, arguments), workers)
        .completeOnTimeout(
            new Outcome(
                ToolOutcome.TIMEOUT,
                ToolResult.failed(
                    "the "
                        + toolName
                        + " tool did not answer within "
                        + timeout.toMillis()
                        + " ms")),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS)
        .whenComplete(
            (outcome, error) -> {
              Outcome o =
                  outcome != null
                      ? outcome
                      : new Outcome(ToolOutcome.FAILED, ToolResult.failed("internal error"));
              finish(id, toolName, arguments, o, Duration.ofNanos(System.nanoTime() - startNanos));
            });
  }

  private record Outcome(ToolOutcome outcome, ToolResult result) {}

  private Outcome execute(String toolCallId, String toolName, String arguments) {
    java.util.Optional<Tool> tool = tools.find(toolName);
    if (tool.isEmpty()) {
      return new Outcome(
          ToolOutcome.UNKNOWN_TOOL, ToolResult.failed("there is no tool named '" + toolName + "'"));
    }
    JsonNode args;
    try {
      args = arguments.isBlank() ? JsonNodeFactory.instance.objectNode() : JSON.readTree(arguments);
    } catch (java.io.IOException | RuntimeException e) {
      return new Outcome(
          ToolOutcome.BAD_ARGUMENTS, ToolResult.failed("the arguments were not valid JSON"));
    }
    try {
      ToolResult result =
          tool.get().handler().handle(new ToolCall(call, toolCallId, toolName, args));
      if (result == null) {
        return new Outcome(ToolOutcome.FAILED, ToolResult.failed("the tool returned nothing"));
      }
      return new Outcome(
          result instanceof ToolResult.Failed ? ToolOutcome.FAILED : ToolOutcome.OK, result);
    } catch (Exception e) {
      // An exception's message may echo a request; the model only hears that the tool failed.
      LOG.log(
          Level.WARNING,
          "call_id={0} tool {1} threw {2}",
          call.id(),
          toolName,
          e.getClass().getName());
      return new Outcome(ToolOutcome.FAILED, ToolResult.failed("the tool failed unexpectedly"));
    }
  }

  private synchronized void finish(
      String toolCallId, String toolName, String arguments, Outcome o, Duration took) {
    running--;
    listener.toolRan(toolName, arguments, o.result().output(), o.outcome(), took);
    if (closed) {
      return;
    }
    LOG.log(
        Level.INFO, "call_id={0} tool {1} finished: {2}", call.id(), toolName, o.outcome().label());
    send.accept(ClientEvents.functionCallOutput(toolCallId, o.result().output()));
    if (o.result() instanceof ToolResult.OkThen then) {
      afterResponse.add(then.action());
    }
    outputsAwaitingResponse = true;
    maybeRequestResponse();
  }

  private void maybeRequestResponse() {
    // One response.create for all outputs of a response, and never while one is active: the API
    // refuses it (conversation_already_has_active_response).
    if (closed || responseActive || running > 0 || !outputsAwaitingResponse) {
      return;
    }
    outputsAwaitingResponse = false;
    send.accept(ClientEvents.responseCreate());
    afterResponse.responseRequested();
  }
}
