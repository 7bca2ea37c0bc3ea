package dev.sipbridge.core.transcript;

import dev.sipbridge.core.realtime.ServerEvent;
import java.util.Optional;

/** Reads conversation items ({@code item}, {@code response.output[]}) as the assembler needs. */
final class Items {
  private Items() {}

  /**
   * Which line an item produces: assistant messages are the agent's, user messages with audio (or
   * no content yet) the caller's; text-only user messages (notes the bridge added), system messages
   * and tool items produce none.
   */
  static Utterance.Role roleOf(ServerEvent item) {
    if (!"message".equals(item.text("type").orElse("message"))) {
      return Utterance.Role.NONE;
    }
    String role = item.text("role").orElse("");
    if (role.equals("assistant")) {
      return Utterance.Role.AGENT;
    }
    if (!role.equals("user")) {
      return Utterance.Role.NONE;
    }
    var content = item.objects("content");
    if (content.isEmpty()) {
      return Utterance.Role.CALLER;
    }
    for (ServerEvent part : content) {
      if (part.text("type").orElse("").equals("input_audio")) {
        return Utterance.Role.CALLER;
      }
    }
    return Utterance.Role.NONE;
  }

  /** The item's id, if it has one. */
  static Optional<String> id(ServerEvent item) {
    return item.text("id");
  }

  /**
   * Copies an assistant item's final content ({@code transcript} of audio parts, {@code text} of
   * text parts) into {@code u}; false when the item carries no final text at all.
   */
  static boolean copyFinalContent(ServerEvent item, Utterance u) {
    boolean any = false;
    for (ServerEvent part : item.objects("content")) {
      Optional<String> transcript = part.text("transcript");
      if (transcript.isPresent()) {
        u.finalSpoken(transcript.get());
        any = true;
        continue;
      }
      Optional<String> text = part.text("text");
      if (text.isPresent()) {
        u.finalWritten(text.get());
        any = true;
      }
    }
    return any;
  }
}
