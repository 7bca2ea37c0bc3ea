package dev.sipbridge.core.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One row of {@link HeaderShapes}; defaults: unknown caller and callee, nothing else found. */
final class ShapeRow {
  private final String label;
  private final List<SipHeader> headers = new ArrayList<>();
  private String callerRaw = "";
  private Optional<String> callerE164 = Optional.empty();
  private boolean callerAnonymous = true;
  private String called = "";
  private Optional<String> forwardedFrom = Optional.empty();
  private Optional<String> reason = Optional.empty();
  private Optional<String> conference = Optional.empty();

  ShapeRow(String label) {
    this.label = label;
  }

  ShapeRow h(String name, String value) {
    headers.add(new SipHeader(name, value));
    return this;
  }

  ShapeRow caller(String raw, String e164) {
    callerRaw = raw;
    callerE164 = Optional.ofNullable(e164);
    callerAnonymous = false;
    return this;
  }

  ShapeRow anonymousCaller(String raw) {
    callerRaw = raw;
    return this;
  }

  ShapeRow called(String value) {
    called = value;
    return this;
  }

  ShapeRow forwarded(String from, String why) {
    forwardedFrom = Optional.of(from);
    reason = Optional.ofNullable(why);
    return this;
  }

  ShapeRow conference(String name) {
    conference = Optional.of(name);
    return this;
  }

  List<SipHeader> headers() {
    return headers;
  }

  String callerRaw() {
    return callerRaw;
  }

  Optional<String> callerE164() {
    return callerE164;
  }

  boolean callerAnonymous() {
    return callerAnonymous;
  }

  String called() {
    return called;
  }

  Optional<String> forwardedFrom() {
    return forwardedFrom;
  }

  Optional<String> reason() {
    return reason;
  }

  Optional<String> conference() {
    return conference;
  }

  @Override
  public String toString() {
    return label;
  }
}
