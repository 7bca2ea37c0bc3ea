package dev.sipbridge.openai;

import com.openai.core.JsonValue;
import com.openai.models.realtime.AudioTranscription;
import com.openai.models.realtime.RealtimeAudioConfig;
import com.openai.models.realtime.RealtimeAudioConfigInput;
import com.openai.models.realtime.RealtimeAudioConfigOutput;
import com.openai.models.realtime.RealtimeFunctionTool;
import com.openai.models.realtime.RealtimeSessionCreateRequest;
import dev.sipbridge.core.call.AgentProfile;
import dev.sipbridge.core.port.AcceptRequest;
import dev.sipbridge.core.tool.Tool;

/**
 * The accept body (SPEC §3 "Accept"): the SDK adds {@code "type":"realtime"}. Deliberately left
 * out: the audio format (the SIP codec is negotiated by SDP) and any turn-detection tuning ({@code
 * threshold}, {@code prefix_padding_ms}, {@code silence_duration_ms} are rejected with 400 for SIP
 * sessions), so the server defaults apply.
 */
final class AcceptSession {
  private AcceptSession() {}

  static RealtimeSessionCreateRequest of(AcceptRequest request) {
    AgentProfile profile = request.profile();
    RealtimeAudioConfig.Builder audio =
        RealtimeAudioConfig.builder()
            .output(RealtimeAudioConfigOutput.builder().voice(profile.voice()).build());
    // Without a transcription block OpenAI transcribes nothing: no caller lines.
    profile
        .transcriptionModel()
        .ifPresent(
            model -> {
              AudioTranscription.Builder transcription = AudioTranscription.builder().model(model);
              profile.transcriptionLanguage().ifPresent(transcription::language);
              audio.input(
                  RealtimeAudioConfigInput.builder().transcription(transcription.build()).build());
            });
    RealtimeSessionCreateRequest.Builder session =
        RealtimeSessionCreateRequest.builder()
            .model(profile.model())
            .instructions(profile.instructions())
            .addOutputModality(RealtimeSessionCreateRequest.OutputModality.AUDIO)
            .audio(audio.build());
    for (Tool tool : request.tools()) {
      session.addTool(
          RealtimeFunctionTool.builder()
              .type(RealtimeFunctionTool.Type.FUNCTION)
              .name(tool.name())
              .description(tool.description())
              .parameters(JsonValue.fromJsonNode(tool.parameters()))
              .build());
    }
    return session.build();
  }
}
