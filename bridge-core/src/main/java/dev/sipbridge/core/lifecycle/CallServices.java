package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.CallControl;
import dev.sipbridge.core.port.CallEventListener;
import dev.sipbridge.core.port.CallObserver;
import dev.sipbridge.core.port.RealtimeChannel;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.tool.ToolRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;

/**
 * What every call of a bridge shares: the ports, the tools, the clock and the threads.
 *
 * @param scheduler timers (order waits, backoff, call limits); its tasks never block
 * @param workers blocking work: REST calls, tool handlers, sinks' lanes
 * @param keypad told of every key the caller presses
 * @param events told every step of every call's story (store, live watchers)
 */
record CallServices(
    LifecycleSettings settings,
    CallControl control,
    RealtimeChannel channel,
    TranscriptSink sink,
    ToolRegistry tools,
    CallObserver observer,
    Clock clock,
    ScheduledExecutorService scheduler,
    ExecutorService workers,
    BiConsumer<IncomingCall, String> keypad,
    CallEventListener events) {}
