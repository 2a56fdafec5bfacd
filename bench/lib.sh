# Shared by the benchmark scripts: pick a JDK 21 or newer (JAVA_HOME if it is one, else the newest under /usr/lib/jvm).

java_major() {
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

pick_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && "$(java_major "$JAVA_HOME")" -ge 21 ]]; then
    echo "$JAVA_HOME"
    return
  fi
  local best="" best_major=0 home major
  for home in /usr/lib/jvm/*; do
    [[ -x "$home/bin/java" ]] || continue
    major="$(java_major "$home")"
    if [[ "$major" =~ ^[0-9]+$ && "$major" -ge 21 && "$major" -gt "$best_major" ]]; then
      best="$home"
      best_major="$major"
    fi
  done
  [[ -n "$best" ]] || { echo "no JDK 21 or newer: set JAVA_HOME" >&2; exit 1; }
  echo "$best"
}

machine() {
  echo "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
    "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | tr -d '"')"
}
