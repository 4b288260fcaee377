# One image for every service: `docker run deltastream service storage`, or `run` for all in one container.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .
COPY libs libs
COPY services services
COPY app app
COPY bench/pom.xml bench/pom.xml
RUN --mount=type=cache,target=/root/.m2 mvn -q -B -DskipTests package -pl app -am

FROM eclipse-temurin:21-jre
RUN groupadd -r deltastream && useradd -r -g deltastream -u 10001 deltastream \
    && mkdir -p /app/data /app/logs && chown -R deltastream:deltastream /app
WORKDIR /app
COPY --from=build /src/app/target/deltastream.jar /app/deltastream.jar
COPY --from=build /src/app/target/lib /app/lib
USER deltastream
# A container is reached through its published ports, so its services listen on all of its interfaces.
ENV DATA_DIR=/app/data LOG_DIR=/app/logs BIND_ADDRESS=0.0.0.0
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/deltastream.jar"]
CMD ["run"]
