# syntax=docker/dockerfile:1
# Build stage: compile and package the self-contained jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY bridge-core/pom.xml bridge-core/
COPY bridge-adapters-openai/pom.xml bridge-adapters-openai/
COPY bridge-adapters-twilio/pom.xml bridge-adapters-twilio/
COPY bridge-adapters-discord/pom.xml bridge-adapters-discord/
COPY bridge-testkit/pom.xml bridge-testkit/
COPY bridge-adapters-store/pom.xml bridge-adapters-store/
COPY bridge-app/pom.xml bridge-app/
COPY bridge-bench/pom.xml bridge-bench/
COPY bridge-bom/pom.xml bridge-bom/
RUN mvn -B -ntp -q dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN mvn -B -ntp -q -DskipTests -pl bridge-app -am package

# Runtime stage: a JRE, the jar, a non-root user. All configuration comes from the environment
# at run time (docker run -e ... or --env-file); nothing is baked in. The modules compile with
# --release 17 (library users stay on Java 17); the service runs on Java 25 for its AOT cache.
FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin bridge
WORKDIR /app
COPY --from=build /src/bridge-app/target/sip-realtime-bridge.jar /app/sip-realtime-bridge.jar
# AOT cache (JEP 483/514/515): a training run of the service's own start-up warm-up (synthetic
# calls through the real wiring against simulators on 127.0.0.1, no network) records the classes
# it loads and links and their method profiles; the service then starts from that cache. Same
# JVM, options and jar path as at run time (docs/performance.md).
RUN java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ReservedCodeCacheSize=240m -XX:AOTCacheOutput=/app/app.aot \
      -jar /app/sip-realtime-bridge.jar warmup > /dev/null \
    && mkdir -p /app/data && chown 10001 /app/data
USER 10001
# The call store's SQLite file (docs/store.md); mount a volume here, or set DATABASE_URL.
VOLUME /app/data
# C1 only and the serial GC: less CPU and memory per call on small hosts (docs/performance.md)
ENV PORT=8080 \
    DATA_DIR=/app/data \
    JAVA_TOOL_OPTIONS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ReservedCodeCacheSize=240m -XX:AOTCache=/app/app.aot"
EXPOSE 8080
# Liveness through /health, with bash's /dev/tcp (the JRE image has no curl).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf "GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n1 <&3 | grep -q " 200 "'
# SIGTERM (docker stop) drains live calls for DRAIN_SECONDS; give it that long.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "/app/sip-realtime-bridge.jar"]
