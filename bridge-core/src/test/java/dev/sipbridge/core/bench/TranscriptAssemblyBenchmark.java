package dev.sipbridge.core.bench;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.realtime.ServerEvent;
import dev.sipbridge.core.transcript.TranscriptAssembler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One whole realistic call (207 frames recorded from the simulator: greeting, three turns with many
 * token-sized deltas), parsed with {@link ServerEvent#parse} and fed to a {@link
 * TranscriptAssembler}: the per-event work the bridge does on a socket's thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TranscriptAssemblyBenchmark {
  private final Clock clock = Clock.systemUTC();
  private final CallId callId = new CallId("rtc_bench0000000000000000000000001");
  private List<String> frames;

  @Setup
  public void load() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/bench/realistic-call.jsonl")) {
      frames = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** Time per call (207 frames, 7 lines); divide by 207 for the time per event. */
  @Benchmark
  public int wholeCall(Blackhole bh) {
    TranscriptAssembler assembler =
        new TranscriptAssembler(callId, clock, Duration.ofSeconds(2), bh::consume);
    for (String frame : frames) {
      Optional<ServerEvent> event = ServerEvent.parse(frame);
      if (event.isPresent()) {
        assembler.onEvent(event.get());
      }
    }
    assembler.finish();
    return assembler.transcript().size();
  }

  /** Parsing alone, per call. */
  @Benchmark
  public void parseOnly(Blackhole bh) {
    for (String frame : frames) {
      bh.consume(ServerEvent.parse(frame));
    }
  }
}
