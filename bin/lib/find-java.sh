# Finds a JDK new enough for Basalt (25 or newer). Sourced by bin/basalt and bin/test:
#   . bin/lib/find-java.sh && basalt_find_java && export JAVA_HOME=$BASALT_JAVA_HOME
# Run directly, it prints the JDK's home directory (or an error and exits 1).
#
# Order: $JAVA_HOME if new enough, else `java` on PATH if new enough, else the newest JDK under
# /usr/lib/jvm (BASALT_JVM_DIR overrides that directory, for tests).

BASALT_MIN_JAVA=${BASALT_MIN_JAVA:-25}

# Prints the feature version of a java binary ("1.8.0_402" -> 8, "25.0.1" -> 25); fails if unknown.
basalt_java_major() {
    local line version major release
    # a JDK's release file names its version: reading it spares starting a JVM (a good part of a
    # second on a loaded machine, paid by every bin/basalt start); `java -version` otherwise
    release=$(dirname "$(readlink -f "$1")")/../release
    if [ -f "$release" ] && line=$(grep -m1 '^JAVA_VERSION="' "$release"); then
        version=${line#JAVA_VERSION=\"}
        version=${version%%\"*}
    else
        line=$("$1" -version 2>&1 | grep -m1 ' version "') || return 1
        version=${line#*version \"}
        version=${version%%\"*}
    fi
    major=${version%%[.+-]*}
    if [ "$major" = 1 ]; then
        version=${version#1.}
        major=${version%%[.+-]*}
    fi
    case $major in '' | *[!0-9]*) return 1 ;; esac
    echo "$major"
}

# The JDK home of a java binary found on PATH (follows /usr/bin/java -> /etc/alternatives -> ...).
basalt_java_home_of() {
    local real home
    real=$(readlink -f "$1") || return 1
    home=${real%/bin/java}
    if [ "$home" != "$real" ] && [ -x "$home/bin/java" ]; then
        echo "$home"
        return 0
    fi
    # A wrapper script rather than a JDK's own launcher: ask the JVM where it lives.
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -n1
}

# Sets BASALT_JAVA_HOME, or prints why none was found and returns 1.
basalt_find_java() {
    local min=$BASALT_MIN_JAVA major path_java dir best="" best_major=0 tried=()

    if [ -n "${JAVA_HOME:-}" ]; then
        if [ -x "$JAVA_HOME/bin/java" ] && major=$(basalt_java_major "$JAVA_HOME/bin/java"); then
            if [ "$major" -ge "$min" ]; then
                BASALT_JAVA_HOME=$JAVA_HOME
                return 0
            fi
            tried+=("JAVA_HOME=$JAVA_HOME is Java $major")
        else
            tried+=("JAVA_HOME=$JAVA_HOME has no working bin/java")
        fi
    fi

    if path_java=$(command -v java 2>/dev/null) && major=$(basalt_java_major "$path_java"); then
        if [ "$major" -ge "$min" ]; then
            BASALT_JAVA_HOME=$(basalt_java_home_of "$path_java")
            [ -n "$BASALT_JAVA_HOME" ] && return 0
        fi
        tried+=("java on PATH ($path_java) is Java $major")
    fi

    local jvm_dir=${BASALT_JVM_DIR:-/usr/lib/jvm}
    for dir in "$jvm_dir"/*; do
        [ -x "$dir/bin/java" ] || continue
        major=$(basalt_java_major "$dir/bin/java") || continue
        if [ "$major" -gt "$best_major" ]; then
            best=$dir
            best_major=$major
        fi
    done
    if [ -n "$best" ] && [ "$best_major" -ge "$min" ]; then
        BASALT_JAVA_HOME=$best
        return 0
    fi
    if [ -n "$best" ]; then
        tried+=("newest JDK in $jvm_dir is Java $best_major ($best)")
    else
        tried+=("no JDK in $jvm_dir")
    fi

    {
        echo "basalt: Basalt needs Java $min or newer, and none was found:"
        local t
        for t in "${tried[@]}"; do echo "  - $t"; done
        echo "Install a JDK $min (for example the temurin-$min-jdk package) or set JAVA_HOME to one."
    } >&2
    return 1
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    basalt_find_java || exit 1
    echo "$BASALT_JAVA_HOME"
fi
