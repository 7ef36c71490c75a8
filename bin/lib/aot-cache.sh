# The ahead-of-time class cache of bin/basalt (JDK 25's AOT cache: the classes a training run loaded,
# kept parsed and linked with their profiles). Most of a cold start is class loading (a compute loads
# about 7 000 classes before its first answer); with the cache a role skips most of it. Sourced by
# bin/basalt after JAVA_HOME, JAR, TARGET and JVM_FLAGS are set.
#
# Safety: the cache is used only when its stamp names this JDK and this build (the server jar's time
# and size, the lib directory's listing); the JVM checks again itself and, on any mismatch (another
# JDK, a changed jar, a damaged file), runs without it. Its messages about that are silenced, so a
# stale cache costs nothing but the speed. BASALT_AOT=off never uses or builds it; BASALT_AOT_DIR
# moves it (default: basalt-server/target/aot, so `mvn clean` removes it with the build).

AOT_DIR=${BASALT_AOT_DIR:-$TARGET/aot}
AOT_CACHE=$AOT_DIR/basalt.aot
AOT_USE_FLAGS=(-XX:AOTCache="$AOT_CACHE" "-Xlog:aot*=off" "-Xlog:cds*=off")

# What the cache must have been built with: JDK, server jar, libraries.
aot_cache_stamp() {
    local release=""
    [ -f "$JAVA_HOME/release" ] && release=$(grep '^JAVA_RUNTIME_VERSION=' "$JAVA_HOME/release")
    echo "$JAVA_HOME $release $(stat -c %Y-%s "$JAR") $(ls -l --time-style=+%s "$TARGET/lib" | md5sum | cut -c1-16)"
}

aot_cache_fresh() {
    [ "${BASALT_AOT:-on}" != off ] && [ -s "$AOT_CACHE" ] &&
        [ "$(cat "$AOT_CACHE.stamp" 2>/dev/null)" = "$(aot_cache_stamp)" ]
}

# Runs the training (dev.basalt.server.AotTraining: three safekeepers, a page server and a compute in
# one JVM, a few statements) and installs its cache; one builder at a time, the others wait for it.
aot_cache_build() {
    [ "${BASALT_AOT:-on}" != off ] || return 0
    mkdir -p "$AOT_DIR"
    exec 8>"$AOT_DIR/.lock"
    flock 8 2>/dev/null || true
    if aot_cache_fresh; then exec 8>&-; return 0; fi
    local tmp=$AOT_DIR/basalt.aot.$$ stamp left pid
    # what an interrupted training left (its JVM writes the cache at exit, under its own pid's name)
    for left in "$AOT_DIR"/basalt.aot.[0-9]*; do
        [ -e "$left" ] || continue
        pid=${left##*/basalt.aot.}
        pid=${pid%%.*}
        kill -0 "$pid" 2>/dev/null || rm -f "$left"
    done
    stamp=$(aot_cache_stamp)
    echo "basalt: building the ahead-of-time class cache ($AOT_CACHE)..." >&2
    rm -f "$tmp" "$tmp.config"
    if "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -XX:AOTCacheOutput="$tmp" "-Xlog:aot*=off" "-Xlog:cds*=off" \
        -cp "$JAR:$TARGET/lib/*" dev.basalt.server.AotTraining >"$AOT_DIR/training.log" 2>&1 && [ -s "$tmp" ]; then
        echo "$stamp" >"$AOT_CACHE.stamp.tmp"
        mv "$tmp" "$AOT_CACHE"
        mv "$AOT_CACHE.stamp.tmp" "$AOT_CACHE.stamp"
        echo "basalt: ahead-of-time class cache ready ($(du -m "$AOT_CACHE" | cut -f1) MB)" >&2
    else
        rm -f "$tmp" "$tmp.config"
        echo "basalt: could not build the ahead-of-time class cache (see $AOT_DIR/training.log); starting without it" >&2
    fi
    exec 8>&-
    return 0
}
