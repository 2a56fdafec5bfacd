# Picks a JDK of version 21 or newer for the scripts in bin/ and .ci/, which source this file.
# Order: $JAVA_HOME when it is new enough, else the newest /usr/lib/jvm/* that is, else `java` on PATH.
# Exports JAVA_HOME and puts its bin/ first on PATH; on failure, says what it found and exits 1.

ESCALATOR_MIN_JAVA=21

# The major version of a java executable ("21" for 21.0.2, "1" for 1.8), or nothing when it does not run.
escalator_java_major() {
    "$1" -version 2>&1 | sed -n 's/^[^ ]* version "\([0-9][0-9]*\).*/\1/p' | head -n 1
}

escalator_use_jdk() {
    local seen="" candidate version best="" best_version=0

    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        version="$(escalator_java_major "$JAVA_HOME/bin/java")"
        if (( ${version:-0} >= ESCALATOR_MIN_JAVA )); then
            best="$JAVA_HOME"
            best_version="$version"
        else
            seen+=$'\n'"  JAVA_HOME=$JAVA_HOME: Java ${version:-?}"
        fi
    fi

    if [[ -z "$best" ]]; then
        for candidate in /usr/lib/jvm/*; do
            [[ -x "$candidate/bin/java" ]] || continue
            version="$(escalator_java_major "$candidate/bin/java")"
            if (( ${version:-0} >= ESCALATOR_MIN_JAVA && ${version:-0} > best_version )); then
                best="$candidate"
                best_version="$version"
            elif (( ${version:-0} < ESCALATOR_MIN_JAVA )); then
                seen+=$'\n'"  $candidate: Java ${version:-?}"
            fi
        done
    fi

    if [[ -z "$best" ]] && command -v java >/dev/null 2>&1; then
        version="$(escalator_java_major java)"
        if (( ${version:-0} >= ESCALATOR_MIN_JAVA )); then
            best="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p' | head -n 1)"
            best_version="$version"
        else
            seen+=$'\n'"  java on PATH ($(command -v java)): Java ${version:-?}"
        fi
    fi

    if [[ -z "$best" ]]; then
        echo "Escalator needs Java $ESCALATOR_MIN_JAVA or newer (a JDK), and found none.${seen:+ Found:$seen}" >&2
        echo "Install one (e.g. 'apt-get install openjdk-21-jdk-headless') or point JAVA_HOME at it." >&2
        exit 1
    fi

    export JAVA_HOME="$best"
    export PATH="$JAVA_HOME/bin:$PATH"
    export ESCALATOR_JAVA_VERSION="$best_version"
}
