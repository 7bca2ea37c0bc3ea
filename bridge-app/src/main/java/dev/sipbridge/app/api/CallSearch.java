package dev.sipbridge.app.api;

import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.store.CallQuery;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The filters of {@code GET /api/calls} read from the query string: {@code from}, {@code to} (an
 * instant like {@code 2026-12-03T09:00:00Z} or a day like {@code 2026-12-03}, UTC), {@code number},
 * {@code endReason}, {@code q} (text said in the call), {@code cursor}, {@code limit}.
 */
final class CallSearch {
  static final int DEFAULT_LIMIT = 50;
  private static final int MAX_TEXT = 200;

  private CallSearch() {}

  /**
   * @throws IllegalArgumentException naming the bad parameter (answered 400)
   */
  static CallQuery from(Context ctx) {
    Optional<Instant> from = param(ctx, "from").map(v -> instant("from", v));
    Optional<Instant> to = param(ctx, "to").map(v -> instant("to", v));
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new IllegalArgumentException("from must be before to");
    }
    Optional<String> number = param(ctx, "number");
    if (number.isPresent() && !number.get().matches("[0-9+*#]{1,32}")) {
      throw new IllegalArgumentException("number must be up to 32 digits (+, * and # allowed)");
    }
    Optional<String> reason = param(ctx, "endReason").map(CallSearch::endReason);
    Optional<String> text = param(ctx, "q");
    if (text.isPresent() && text.get().length() > MAX_TEXT) {
      throw new IllegalArgumentException("q must be at most " + MAX_TEXT + " characters");
    }
    Optional<String> cursor = param(ctx, "cursor");
    if (cursor.isPresent() && cursor.get().length() > 200) {
      throw new IllegalArgumentException("cursor is not one this API gave out");
    }
    int limit = param(ctx, "limit").map(CallSearch::limit).orElse(DEFAULT_LIMIT);
    return new CallQuery(from, to, number, reason, text, cursor, limit);
  }

  private static Optional<String> param(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  private static Instant instant(String name, String v) {
    try {
      return v.length() == 10
          ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an instant like 2026-12-03T09:00:00Z" + " or a day like 2026-12-03");
    }
  }

  private static String endReason(String v) {
    try {
      return EndReason.valueOf(v.toUpperCase(Locale.ROOT)).name();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "endReason must be one of " + java.util.Arrays.toString(EndReason.values()));
    }
  }

  private static int limit(String v) {
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= 200) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException("limit must be a whole number from 1 to 200");
  }
}
