package dev.sipbridge.core.sip;

import java.util.List;
import java.util.Optional;

/**
 * Where a forwarded call was first dialled, and why it was forwarded.
 *
 * @param from the number the caller originally dialled
 * @param reason lower-case reason ({@code user-busy}, {@code unconditional}, ...), if given
 */
record Forwarding(PhoneNumber from, Optional<String> reason) {
  /** Longest reason kept; real ones are a word or two. */
  static final int MAX_REASON = 64;

  /**
   * Reads {@code Diversion} first and {@code History-Info} only when Diversion says nothing.
   *
   * @param diversion every Diversion entry, top-most (most recent diversion) first
   * @param historyInfo every History-Info entry, in header order
   */
  static Optional<Forwarding> of(List<NameAddr> diversion, List<NameAddr> historyInfo) {
    Optional<Forwarding> fromDiversion = diversion(diversion);
    return fromDiversion.isPresent() ? fromDiversion : HistoryInfo.forwarding(historyInfo);
  }

  /**
   * RFC 5806: the first entry is the latest forwarder, so the last entry with a number is the one
   * the caller dialled. The reason is the one nearest that original entry, i.e. why the dialled
   * number forwarded.
   */
  static Optional<Forwarding> diversion(List<NameAddr> entries) {
    PhoneNumber original = null;
    String reason = "";
    for (NameAddr entry : entries) {
      Optional<PhoneNumber> number = NumberReader.read(entry);
      if (number.isPresent()) {
        original = number.get();
      }
      String text = HeaderScanner.token(entry.params().getOrDefault("reason", ""), MAX_REASON);
      if (!text.isEmpty()) {
        reason = text;
      }
    }
    if (original == null) {
      return Optional.empty();
    }
    return Optional.of(new Forwarding(original, Optional.of(reason).filter(r -> !r.isEmpty())));
  }
}
