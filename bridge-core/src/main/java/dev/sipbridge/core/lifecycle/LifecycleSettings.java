package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.AgentProfile;
import java.time.Duration;
import java.util.Objects;

/**
 * How the bridge handles calls.
 *
 * @param transcriptOrderWait how long an agent line waits for the caller line before it
 * @param acceptBudget how long accept failures are retried before the webhook gets 500
 * @param toolTimeout how long a tool may run before the model is told it timed out
 * @param goodbyeGrace after the goodbye response is done, how long to let its audio play
 * @param socketAttempts how many times a call's socket is opened (first open and re-attaches)
 * @param maxCallDuration calls are ended after this long
 */
public record LifecycleSettings(
    AgentProfile profile,
    Duration transcriptOrderWait,
    Duration acceptBudget,
    Duration toolTimeout,
    Duration goodbyeGrace,
    int socketAttempts,
    Duration maxCallDuration) {

  public LifecycleSettings {
    Objects.requireNonNull(profile, "profile");
    if (socketAttempts < 1) {
      throw new IllegalArgumentException("socketAttempts must be at least 1: " + socketAttempts);
    }
  }

  /** Production defaults around the given agent. */
  public static LifecycleSettings defaults(AgentProfile profile) {
    return new LifecycleSettings(
        profile,
        Duration.ofMillis(2000),
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        Duration.ofSeconds(6),
        5,
        Duration.ofSeconds(3600));
  }

  public LifecycleSettings withTranscriptOrderWait(Duration wait) {
    return new LifecycleSettings(
        profile, wait, acceptBudget, toolTimeout, goodbyeGrace, socketAttempts, maxCallDuration);
  }

  public LifecycleSettings withToolTimeout(Duration timeout) {
    return new LifecycleSettings(
        profile,
        transcriptOrderWait,
        acceptBudget,
        timeout,
        goodbyeGrace,
        socketAttempts,
        maxCallDuration);
  }

  public LifecycleSettings withGoodbyeGrace(Duration grace) {
    return new LifecycleSettings(
        profile,
        transcriptOrderWait,
        acceptBudget,
        toolTimeout,
        grace,
        socketAttempts,
        maxCallDuration);
  }

  public LifecycleSettings withMaxCallDuration(Duration max) {
    return new LifecycleSettings(
        profile, transcriptOrderWait, acceptBudget, toolTimeout, goodbyeGrace, socketAttempts, max);
  }
}
