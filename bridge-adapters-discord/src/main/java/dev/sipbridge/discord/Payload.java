package dev.sipbridge.discord;

/**
 * One Execute Webhook request's content.
 *
 * @param threadName opens a thread named so (null: none)
 * @param fileName sends {@code fileText} as the attachment {@code files[0]} (null: no file)
 */
record Payload(String content, String threadName, String fileName, String fileText) {
  static Payload text(String content) {
    return new Payload(content, null, null, null);
  }
}
