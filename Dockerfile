# syntax=docker/dockerfile:1
# Build stage: compile and package the self-contained jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY bridge-core/pom.xml bridge-core/
COPY bridge-adapters-openai/pom.xml bridge-adapters-openai/
COPY bridge-adapters-twilio/pom.xml bridge-adapters-twilio/
COPY bridge-adapters-discord/pom.xml bridge-adapters-discord/
COPY bridge-adapters-store/pom.xml bridge-adapters-store/
COPY bridge-app/pom.xml bridge-app/
RUN mvn -B -ntp -q dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN mvn -B -ntp -q -DskipTests package

# Runtime stage: a JRE, the jar, a non-root user. All configuration comes from the environment
# at run time (docker run -e ... or --env-file); nothing is baked in.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin bridge
WORKDIR /app
COPY --from=build /src/bridge-app/target/sip-realtime-bridge.jar /app/sip-realtime-bridge.jar
# AppCDS: one demo run (the real wiring against the built-in simulators, no network beyond
# loopback) records the classes the bridge loads; starting from that archive takes ready from
# about 2.2 s to about 1.3 s (docs/performance.md). Same JVM and jar path as at run time.
RUN DATA_DIR=/tmp/demo-data java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -XX:ArchiveClassesAtExit=/app/app.jsa -jar /app/sip-realtime-bridge.jar demo > /dev/null \
    && rm -rf /tmp/demo-data \
    && mkdir -p /app/data && chown 10001 /app/data
USER 10001
# The call store's SQLite file (docs/store.md); mount a volume here, or set DATABASE_URL.
VOLUME /app/data
# C1 only and the serial GC: less CPU and memory per call on small hosts (docs/performance.md)
ENV PORT=8080 \
    DATA_DIR=/app/data \
    JAVA_TOOL_OPTIONS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:SharedArchiveFile=/app/app.jsa"
EXPOSE 8080
# Liveness through /health, with bash's /dev/tcp (the JRE image has no curl).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf "GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n1 <&3 | grep -q " 200 "'
# SIGTERM (docker stop) drains live calls for DRAIN_SECONDS; give it that long.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "/app/sip-realtime-bridge.jar"]
