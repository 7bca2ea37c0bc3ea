package dev.sipbridge.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Timeout;
import java.time.Clock;

/** Builds the openai-java client from {@link OpenAiSettings}, never from the environment. */
final class SdkClients {
  private SdkClients() {}

  /**
   * A client for {@code settings}. No SDK retries: core runs its own bounded retry, and SDK retries
   * would multiply it. {@code clock} is what the webhook timestamp check compares against.
   */
  static OpenAIClient create(OpenAiSettings settings, Clock clock) {
    return OpenAIOkHttpClient.builder()
        .apiKey(settings.apiKey())
        .webhookSecret(settings.webhookSecret())
        .baseUrl(settings.baseUrl().toString())
        .maxRetries(0)
        .timeout(
            Timeout.builder()
                .connect(settings.connectTimeout())
                .read(settings.requestTimeout())
                .write(settings.requestTimeout())
                .request(settings.requestTimeout())
                .build())
        .clock(clock)
        .build();
  }
}
