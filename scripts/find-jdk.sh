# Finds a JDK that can build and run Cairn. Sourced by ./cairn and .ci/run; defines functions only.
#
#   cairn_find_jdk   sets CAIRN_JAVA_HOME and CAIRN_JAVA_VERSION (e.g. 25.0.3) to the first JDK 25+
#                    among: $JAVA_HOME, `java` on PATH, ${CAIRN_JVM_DIR:-/usr/lib/jvm}/*.
#                    Returns 1 after printing what to install when there is none.
#
# A JDK, not a JRE: the first run builds Cairn, so javac must be there too.

CAIRN_JDK_FEATURE_MIN=25

# Prints the version a java binary reports ("25.0.3", "17.0.17", "1.8.0_462"), or nothing.
cairn_java_version() {
  "$1" -version 2>&1 | sed -n 's/^.* version "\([^"]*\)".*$/\1/p' | head -n 1
}

# Prints the feature release of a version string: 25 for "25.0.3" or "25-ea", 8 for "1.8.0_462".
cairn_java_feature() {
  local version=$1 feature
  feature=${version%%[.+-]*}
  if [ "$feature" = 1 ]; then
    feature=${version#1.}
    feature=${feature%%[._+-]*}
  fi
  case $feature in ''|*[!0-9]*) echo 0 ;; *) echo "$feature" ;; esac
}

# True when dotted version $1 is not older than $2 (missing parts count as 0; "-ea"/"+9" suffixes ignored).
cairn_version_at_least() {
  local -a a b
  local i x y
  IFS=. read -r -a a <<< "${1%%[+-]*}"
  IFS=. read -r -a b <<< "${2%%[+-]*}"
  for ((i = 0; i < ${#a[@]} || i < ${#b[@]}; i++)); do
    x=${a[i]:-0}; y=${b[i]:-0}
    x=${x%%[!0-9]*}; y=${y%%[!0-9]*}
    if ((10#${x:-0} != 10#${y:-0})); then
      ((10#${x:-0} > 10#${y:-0}))
      return
    fi
  done
  return 0
}

cairn_find_jdk() {
  local -a candidates=()
  local home java version seen=""
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if java=$(command -v java 2>/dev/null); then
    java=$(readlink -f "$java")
    candidates+=("${java%/bin/java}")
  fi
  local jvm_dir=${CAIRN_JVM_DIR:-/usr/lib/jvm}
  if [ -d "$jvm_dir" ]; then
    while IFS= read -r home; do candidates+=("$home"); done \
      < <(find "$jvm_dir" -mindepth 1 -maxdepth 1 \( -type d -o -type l \) 2>/dev/null | sort)
  fi

  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] || continue
    version=$(cairn_java_version "$home/bin/java")
    [ -n "$version" ] || continue
    if (($(cairn_java_feature "$version") < CAIRN_JDK_FEATURE_MIN)); then
      seen+=$'\n'"  $home: java $version (too old)"
      continue
    fi
    if [ ! -x "$home/bin/javac" ]; then
      seen+=$'\n'"  $home: java $version without javac (a JRE; a JDK is needed)"
      continue
    fi
    CAIRN_JAVA_HOME=$home
    CAIRN_JAVA_VERSION=$version
    return 0
  done

  {
    echo "cairn needs a JDK $CAIRN_JDK_FEATURE_MIN or newer, and found none${seen:+:$seen}"
    echo "Install one: apt-get install temurin-$CAIRN_JDK_FEATURE_MIN-jdk (from Adoptium's apt repository,"
    echo "https://adoptium.net/installation/linux), or set JAVA_HOME to a JDK $CAIRN_JDK_FEATURE_MIN."
  } >&2
  return 1
}
