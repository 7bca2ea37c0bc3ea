package dev.sipbridge.core.store;

import dev.sipbridge.core.call.CallId;
import java.time.Instant;
import java.util.Optional;

/** One row of a call list: the record without its lines, tools and actions. */
public record CallSummary(
    CallId id,
    String route,
    String caller,
    String called,
    Instant incomingAt,
    Optional<Instant> endedAt,
    Optional<String> endReason,
    int lineCount) {}
