package dev.sipbridge.core.contract;

/** One {@code onClosed} a {@link RecordingListener} was told. */
record Close(int code, boolean normal) {}
