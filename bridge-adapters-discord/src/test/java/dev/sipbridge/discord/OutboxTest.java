package dev.sipbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipbridge.core.call.CallId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final Outbox outbox = new Outbox(100);

  @Test
  void lineAtHead_takesLaterLinesOfItsCall_skipsOtherCalls_stopsAtItsFinal() {
    Item a1 = item("a", 1, "a1");
    Item b1 = item("b", 1, "b1");
    Item a2 = item("a", 2, "a2");
    Item aEnd = new Item.Final(new CallId("rtc_a"), "end", null, null, T0);
    Item a3 = item("a", 3, "a3");
    List.of(a1, b1, a2, aEnd, a3).forEach(outbox::offer);

    assertThat(take()).containsExactly(a1, a2);
    outbox.finished();
    assertThat(take()).containsExactly(b1);
    outbox.finished();
    assertThat(take()).containsExactly(aEnd);
    outbox.finished();
    assertThat(take()).containsExactly(a3);
  }

  @Test
  void withoutBacklog_eachItemIsItsOwnMessage() {
    Item a1 = item("a", 1, "a1");
    Item a2 = item("a", 2, "a2");
    outbox.offer(a1);
    outbox.offer(a2);

    assertThat(outbox.take(Instant.MIN, new ArrayList<>(), false)).containsExactly(a1);
    outbox.finished();
    assertThat(outbox.take(Instant.MIN, new ArrayList<>(), false)).containsExactly(a2);
  }

  @Test
  void lines_areTakenOnlyWhileTheyFitOneMessage() {
    Item big1 = item("a", 1, "x".repeat(1200));
    Item big2 = item("a", 2, "y".repeat(1200));
    outbox.offer(big1);
    outbox.offer(big2);

    assertThat(take()).containsExactly(big1);
    outbox.finished();
    assertThat(take()).containsExactly(big2);
  }

  @Test
  void staleHeads_areSetAside() {
    Item old = item("a", 1, "old", T0);
    Item fresh = item("a", 2, "fresh", T0.plusSeconds(120));
    outbox.offer(old);
    outbox.offer(fresh);
    List<Item> stale = new ArrayList<>();

    assertThat(outbox.take(T0.plusSeconds(60), stale, true)).containsExactly(fresh);
    assertThat(stale).containsExactly(old);
  }

  @Test
  void offer_wakesOnlyAnIdleSender_andRefusesWhenFull() {
    Outbox small = new Outbox(2);

    assertThat(small.offer(item("a", 1, "1"))).isEqualTo(Outbox.Offer.ADDED_WAKE);
    assertThat(small.offer(item("a", 2, "2"))).isEqualTo(Outbox.Offer.ADDED);
    assertThat(small.offer(item("a", 3, "3"))).isEqualTo(Outbox.Offer.FULL);
    assertThat(small.park()).isFalse();
    small.drain();
    assertThat(small.park()).isTrue();
    assertThat(small.offer(item("a", 4, "4"))).isEqualTo(Outbox.Offer.ADDED_WAKE);
  }

  private static Item item(String call, long sequence, String text) {
    return item(call, sequence, text, T0);
  }

  private static Item item(String call, long sequence, String text, Instant at) {
    return new Item.Line(Calls.line("rtc_" + call, sequence, text, at), text);
  }

  private List<Item> take() {
    return outbox.take(T0.minusSeconds(3600), new ArrayList<>(), true);
  }
}
