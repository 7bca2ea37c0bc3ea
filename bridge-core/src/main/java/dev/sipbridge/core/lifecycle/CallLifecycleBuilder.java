package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.CallRegistry;
import dev.sipbridge.core.port.CallControl;
import dev.sipbridge.core.port.CallEventListener;
import dev.sipbridge.core.port.CallObserver;
import dev.sipbridge.core.port.CallTransfer;
import dev.sipbridge.core.port.RealtimeChannel;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.tool.Tool;
import dev.sipbridge.core.tool.ToolRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** Assembles a {@link CallLifecycle} from its ports; settings, ports and threads are required. */
public final class CallLifecycleBuilder {
  private LifecycleSettings settings;
  private CallControl control;
  private RealtimeChannel channel;
  private final List<TranscriptSink> sinks = new ArrayList<>();
  private final List<Tool> tools = new ArrayList<>();
  private final List<CallEventListener> listeners = new ArrayList<>();
  private CallObserver observer = CallObserver.NONE;
  private Clock clock = Clock.systemUTC();
  private ScheduledExecutorService scheduler;
  private ExecutorService workers;
  private int maxConcurrentCalls = 500;
  private TransferSettings transfers = TransferSettings.none();
  private CallTransfer twilio;
  private String openAiProjectId;
  private String conferenceEventsUrl;

  CallLifecycleBuilder() {}

  public CallLifecycleBuilder settings(LifecycleSettings settings) {
    this.settings = settings;
    return this;
  }

  public CallLifecycleBuilder callControl(CallControl control) {
    this.control = control;
    return this;
  }

  public CallLifecycleBuilder realtimeChannel(RealtimeChannel channel) {
    this.channel = channel;
    return this;
  }

  /** Adds sinks; every line goes to all of them. */
  public CallLifecycleBuilder sinks(java.util.Collection<? extends TranscriptSink> more) {
    sinks.addAll(more);
    return this;
  }

  /** Adds tools the agent may call. */
  public CallLifecycleBuilder tools(java.util.Collection<Tool> more) {
    tools.addAll(more);
    return this;
  }

  public CallLifecycleBuilder observer(CallObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
    return this;
  }

  /** Adds a listener told every step of every call (the call store's writer, live watchers). */
  public CallLifecycleBuilder callEvents(CallEventListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  public CallLifecycleBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * @param scheduler timers; its tasks never block. A {@link ScheduledThreadPoolExecutor} is set to
   *     drop cancelled tasks at once: each call's hour-long limit timer would otherwise keep the
   *     finished call in memory until it was due.
   * @param workers blocking work (REST calls, tools, sinks); owned by the caller
   */
  public CallLifecycleBuilder threads(ScheduledExecutorService scheduler, ExecutorService workers) {
    this.scheduler = scheduler;
    this.workers = workers;
    return this;
  }

  public CallLifecycleBuilder maxConcurrentCalls(int max) {
    this.maxConcurrentCalls = max;
    return this;
  }

  /** Which transfers the agent may make (none by default). */
  public CallLifecycleBuilder transfers(TransferSettings transfers) {
    this.transfers = Objects.requireNonNull(transfers, "transfers");
    return this;
  }

  /**
   * Turns on the Twilio voice route: conferences, the agent dialled in over SIP, warm transfer.
   *
   * @param conferenceEventsUrl the public URL of {@code /twilio/conference-events}
   */
  public CallLifecycleBuilder voiceRoute(
      CallTransfer twilio, String openAiProjectId, String conferenceEventsUrl) {
    this.twilio = Objects.requireNonNull(twilio, "twilio");
    this.openAiProjectId = Objects.requireNonNull(openAiProjectId, "openAiProjectId");
    this.conferenceEventsUrl = Objects.requireNonNull(conferenceEventsUrl, "conferenceEventsUrl");
    return this;
  }

  public CallLifecycle build() {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(control, "callControl");
    Objects.requireNonNull(channel, "realtimeChannel");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(workers, "workers");
    if (scheduler instanceof ScheduledThreadPoolExecutor) {
      ((ScheduledThreadPoolExecutor) scheduler).setRemoveOnCancelPolicy(true);
    }
    LiveCalls live = new LiveCalls();
    CallEventListener events = CallEventFanOut.of(listeners);
    TransferEvents transferEvents = new TransferEvents(events, clock);
    Optional<WarmTransfer> warm =
        Optional.ofNullable(twilio)
            .map(
                t ->
                    new WarmTransfer(
                        t,
                        new ConferenceDirectory(clock, Duration.ofHours(6), 100_000),
                        openAiProjectId,
                        conferenceEventsUrl,
                        transfers,
                        live,
                        transferEvents));
    BuiltInTools builtIns =
        new BuiltInTools(transfers, control, warm, live, workers, transferEvents);
    List<Tool> all = new ArrayList<>(builtIns.tools());
    all.addAll(tools);
    CallServices services =
        new CallServices(
            settings,
            control,
            channel,
            new SinkFanOut(sinks, workers, clock),
            new ToolRegistry(all),
            observer,
            clock,
            scheduler,
            workers,
            builtIns::keyPressed,
            events);
    return new CallLifecycle(services, new CallRegistry(maxConcurrentCalls), live, builtIns, warm);
  }
}
