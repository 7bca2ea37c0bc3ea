package dev.sipbridge.discord;

import dev.sipbridge.core.call.CallId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The message the sender is working on: the items it carries, the contents they became (one request
 * per content; several only for a line split at the limit), and how sending went so far. Confined
 * to the sender's thread.
 */
final class Message {
  private List<Item> items = List.of();
  private List<String> contents = List.of();
  private int part;
  private int failures;
  private Reply lastFailure;

  void set(List<Item> taken) {
    items = List.copyOf(taken);
    contents = contentsOf(items);
    part = 0;
    failures = 0;
    lastFailure = null;
  }

  void clear() {
    set(List.of());
  }

  List<Item> items() {
    return items;
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  /** Every content was sent. */
  boolean isDone() {
    return part >= contents.size();
  }

  CallId call() {
    return items.get(0).call();
  }

  /** When the oldest item was made: lines are queued in emission order. */
  Instant since() {
    return items.get(0).since();
  }

  void partSent() {
    part++;
    failures = 0;
  }

  /** Notes a failed attempt; returns the count of 5xx/network failures in a row. */
  int failed(Reply reply) {
    lastFailure = reply;
    if (reply.kind() == Reply.Kind.RETRY) {
      failures++;
    }
    return failures;
  }

  String lastFailure() {
    return lastFailure == null ? "error: none" : "error: " + lastFailure.describe();
  }

  /** The request for the current content. */
  Payload payload() {
    Item first = items.get(0);
    String content = contents.get(part);
    if (first instanceof Item.Announcement) {
      return new Payload(content, ((Item.Announcement) first).threadName(), null, null);
    }
    if (first instanceof Item.Final) {
      Item.Final last = (Item.Final) first;
      return new Payload(content, null, last.fileName(), last.fileText());
    }
    return Payload.text(content);
  }

  private static List<String> contentsOf(List<Item> items) {
    if (items.isEmpty()) {
      return List.of();
    }
    Item first = items.get(0);
    if (first instanceof Item.Announcement) {
      return List.of(((Item.Announcement) first).content());
    }
    if (first instanceof Item.Final) {
      return List.of(((Item.Final) first).content());
    }
    List<String> texts = new ArrayList<>();
    items.forEach(i -> texts.add(((Item.Line) i).text()));
    return MessageText.contents(texts, MessageText.LIMIT);
  }
}
