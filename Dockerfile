# Escalator in a container. Build: docker build -t escalator .
# Run:  docker run -p 3000:3000 -v "$PWD/escalator.yml:/app/escalator.yml:ro" -v escalator-data:/data \
#         -e SLACK_BOT_TOKEN=... -e SLACK_SIGNING_SECRET=... escalator
# Without a mounted escalator.yml and without a chat platform it starts on the bundled example config.

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /build
# Dependencies and plugins get their own layer, rebuilt only when pom.xml changes.
COPY pom.xml .
RUN mvn -B -q -Dspotless.check.skip=true dependency:go-offline
COPY src ./src
# Formatting is checked by CI; an image build should not fail on it.
RUN mvn -B -Dspotless.check.skip=true -DskipTests package

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 escalator \
    && useradd --system --uid 10001 --gid escalator --home-dir /app --shell /usr/sbin/nologin escalator \
    && mkdir -p /data \
    && chown escalator:escalator /data
WORKDIR /app
COPY --from=build /build/target/escalator.jar /app/escalator.jar
# The embedded store keeps its file here; mount a volume to keep escalations across container restarts.
ENV ESCALATOR_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 3000
USER escalator
# The JRE image has neither curl nor wget: the jar asks its own /healthz. A small heap and C1 only keep it cheap.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["java", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", "/app/escalator.jar", "healthcheck"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/escalator.jar"]
