# Escalator in a container.
# Build: docker build -t escalator .
# Run:   docker run --read-only --tmpfs /tmp -p 3000:3000 -v escalator-data:/data \
#          -v "$PWD/escalator.yml:/app/escalator.yml:ro" -e SLACK_BOT_TOKEN=... -e SLACK_SIGNING_SECRET=... escalator
# Without a mounted escalator.yml and without a chat platform it starts on the bundled example configuration.
# Sub-commands work too: docker run --rm -v "$PWD/escalator.yml:/app/escalator.yml:ro" escalator check-config

# The build runs the Maven wrapper, as bin/mvn does, so the image is built with the Maven version the project pins
# (.mvn/wrapper/maven-wrapper.properties, checked against its SHA-256), not whatever a maven: image carries.
FROM eclipse-temurin:21-jdk AS build
# The wrapper downloads Maven's zip (the checksum is the zip's); without unzip it would fetch the tar.gz instead.
RUN apt-get update \
    && apt-get install -y --no-install-recommends unzip \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY mvnw ./
COPY .mvn ./.mvn
# Maven itself, dependencies and plugins get their own layers, downloaded again only when the wrapper or pom.xml
# changes. .mvn/jvm.config holds javac's opens for Error Prone (it runs inside the compiler on JDK 21+).
RUN sh ./mvnw -B -q --version
COPY pom.xml .
RUN sh ./mvnw -B -q -Dspotless.check.skip=true dependency:go-offline
COPY src ./src
# pom.xml bundles the example configuration into the jar (`escalator init`, the start without a config file).
COPY manifests/escalator.example.yml ./manifests/
# Tests and formatting are CI's job (.ci/run); an image build compiles and packages.
RUN sh ./mvnw -B -Dspotless.check.skip=true -Dmaven.test.skip=true package

FROM eclipse-temurin:21-jre
LABEL org.opencontainers.image.title="Escalator" \
      org.opencontainers.image.description="Chat-ops escalation bot for Slack and Discord"
# A fixed numeric id: Kubernetes' runAsNonRoot can only verify a numeric USER.
RUN groupadd --system --gid 10001 escalator \
    && useradd --system --uid 10001 --gid escalator --home-dir /app --shell /usr/sbin/nologin escalator \
    && mkdir -p /data \
    && chown escalator:escalator /data
WORKDIR /app
COPY --from=build /build/target/escalator.jar /app/escalator.jar
# An AppCDS archive of the classes the bot loads to start (issue #17: ~1.5-2 s less CPU to /readyz, ~40 MB less RSS),
# written here by a training run because the running container's root file system is read-only: the bot on the
# bundled example configuration with Slack named but out of reach (so Bolt and the SDK are archived too), on a store
# in a temporary directory, until it runs and answers,
# then stopped with SIGTERM (bin/train-cds; BuiltJarArchiveTest runs the same script on the built jar in every
# `verify`). The archive fits this jar at this path and this JDK only; the JVM ignores, with a warning, one that
# does not (-Xshare:auto, the default).
COPY bin/train-cds /usr/local/bin/train-cds
RUN sh /usr/local/bin/train-cds /app/escalator.jar /app/escalator.jsa
# The image runs with a read-only root file system: the embedded store writes to /data (mount a volume to keep
# escalations across restarts; unused with MONGODB_URI), the JVM to /tmp. Nothing else is written.
ENV ESCALATOR_DATA_DIR=/data
VOLUME ["/data", "/tmp"]
EXPOSE 3000
USER 10001:10001
# The bot stops gracefully on SIGTERM (releases its claims, closes the store); exec-form ENTRYPOINT makes java PID 1,
# so the signal reaches it.
STOPSIGNAL SIGTERM
# The JRE image has neither curl nor wget: the jar asks its own /healthz (on $PORT). A small heap, C1 only and no
# perf data file keep the probe cheap, and so does the archive written above: it runs the same jar at the same path,
# so the JVM maps the jar's start-up classes from it instead of loading them (BuiltJarArchiveTest runs this command
# line with the archive on the built jar).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["java", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", \
         "-XX:SharedArchiveFile=/app/escalator.jsa", "-jar", "/app/escalator.jar", "healthcheck"]
# Memory (SPEC 8: under 300 MB resident with 100,000 open): the heap is half the container's memory limit, the rest
# is for metaspace, code, threads and buffers; the serial collector (one busy core is all a bot needs, pauses of a
# few ms on a heap this size) keeps resident memory ~160 MB when ready with 100,000 open and ~225-245 MB after a busy
# run, where G1 grew to 286-344 MB. Its default heap-free ratios: the tighter ones tried before (10/30 %) kept the
# idle bot no smaller and made a busy one collect so often that its due steps fell behind (docs/benchmarks.md, branch
# replicas3). Out of memory ends the process so the orchestrator restarts it instead of leaving
# a half-working bot. The archive written above is mapped instead of loading those classes from the jar. More JVM
# options: JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", \
            "-XX:SharedArchiveFile=/app/escalator.jsa", "-jar", "/app/escalator.jar"]
