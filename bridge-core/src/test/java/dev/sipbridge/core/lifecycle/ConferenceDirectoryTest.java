package dev.sipbridge.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipbridge.core.fake.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConferenceDirectoryTest {
  private static final Duration TTL = Duration.ofHours(6);

  private final FakeClock clock = new FakeClock();
  private final ConferenceDirectory directory = new ConferenceDirectory(clock, TTL, 3);

  @Test
  void remembered_isFoundWithTokenCallerAndTime() {
    directory.remember("CA1", "tok%7B1", "+15551230000");

    ConferenceDirectory.Entry entry = directory.find("CA1").orElseThrow();
    assertThat(entry.callToken()).isEqualTo("tok%7B1");
    assertThat(entry.caller()).isEqualTo("+15551230000");
    assertThat(entry.createdAt()).isEqualTo(clock.instant());
    assertThat(directory.find("CA2")).isEmpty();
    assertThat(directory.size()).isEqualTo(1);
  }

  @Test
  void rememberedAgain_replacesTheEntry() {
    directory.remember("CA1", "tok_old", "+15551230000");
    clock.advance(Duration.ofMinutes(1));

    directory.remember("CA1", "tok_new", "+15551239999");

    assertThat(directory.find("CA1").orElseThrow().callToken()).isEqualTo("tok_new");
    assertThat(directory.find("CA1").orElseThrow().caller()).isEqualTo("+15551239999");
    assertThat(directory.size()).isEqualTo(1);
  }

  @Test
  void entry_keptUntilTheTtlThenGone() {
    directory.remember("CA1", "tok1", "+15551230000");
    clock.advance(Duration.ofHours(1));
    directory.remember("CA2", "tok2", "+15551230001");

    clock.advance(TTL.minusHours(1));
    assertThat(directory.find("CA1")).isPresent();

    clock.advance(Duration.ofSeconds(1));
    assertThat(directory.find("CA1")).isEmpty();
    assertThat(directory.find("CA2")).isPresent();
    assertThat(directory.size()).isEqualTo(1);

    clock.advance(Duration.ofHours(1));
    assertThat(directory.find("CA2")).isEmpty();
    assertThat(directory.size()).isZero();
  }

  @Test
  void overCapacity_theOldestGoesFirst() {
    directory.remember("CA1", "tok1", "+15551230001");
    directory.remember("CA2", "tok2", "+15551230002");
    directory.remember("CA3", "tok3", "+15551230003");
    // Remembered again, CA1 is now the newest: CA2 is the oldest.
    directory.remember("CA1", "tok1b", "+15551230001");

    directory.remember("CA4", "tok4", "+15551230004");

    assertThat(directory.size()).isEqualTo(3);
    assertThat(directory.find("CA2")).isEmpty();
    assertThat(directory.find("CA1")).isPresent();
    assertThat(directory.find("CA3")).isPresent();
    assertThat(directory.find("CA4")).isPresent();

    directory.remember("CA5", "tok5", "+15551230005");
    assertThat(directory.find("CA3")).isEmpty();
    assertThat(directory.size()).isEqualTo(3);
  }

  @Test
  void forget_removesOnlyThatConference() {
    directory.remember("CA1", "tok1", "+15551230001");
    directory.remember("CA2", "tok2", "+15551230002");

    directory.forget("CA1");
    directory.forget("CA_unknown");

    assertThat(directory.find("CA1")).isEmpty();
    assertThat(directory.find("CA2")).isPresent();
    assertThat(directory.size()).isEqualTo(1);
  }
}
