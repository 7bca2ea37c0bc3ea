package dev.sipbridge.discord;

import dev.sipbridge.core.transcript.TranscriptLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Discord message shaping: splitting a long final transcript into 2000-code-point messages, and
 * coalescing a busy queue (20 calls' lines interleaved) into per-call messages.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MessageBenchmark {
  private static final int CALLS = 20;
  private static final int LINES_PER_CALL = 10;

  private String transcript;
  private List<Item> queued;

  @Setup
  public void build() {
    StringBuilder text = new StringBuilder();
    queued = new ArrayList<>();
    Instant now = Instant.now();
    for (int n = 1; n <= LINES_PER_CALL; n++) {
      for (int c = 0; c < CALLS; c++) {
        String said =
            (n % 2 == 1 ? "Caller: " : "Agent: ")
                + "I'd like to change the delivery address to my office, if that's still possible.";
        TranscriptLine line = Calls.line("rtc_" + c, n, said, now);
        queued.add(new Item.Line(line, MessageText.neutralise(line.render())));
        if (c == 0) {
          text.append(line.render()).append('\n');
        }
      }
    }
    transcript = text.toString().repeat(8); // ~7,000 code points
  }

  @Benchmark
  public List<String> splitFinalTranscript() {
    return MessageText.split(transcript, MessageText.LIMIT);
  }

  /** Enqueues 200 lines of 20 calls and takes them as messages until the queue is empty. */
  @Benchmark
  public int coalesceBusyQueue(Blackhole bh) {
    Outbox outbox = new Outbox(10_000);
    for (Item item : queued) {
      outbox.offer(item);
    }
    int messages = 0;
    Instant never = Instant.EPOCH;
    List<Item> stale = new ArrayList<>();
    List<Item> taken;
    while (!(taken = outbox.take(never, stale, true)).isEmpty()) {
      List<String> texts = new ArrayList<>(taken.size());
      taken.forEach(i -> texts.add(((Item.Line) i).text()));
      bh.consume(MessageText.contents(texts, MessageText.LIMIT));
      outbox.finished();
      messages++;
    }
    return messages;
  }
}
