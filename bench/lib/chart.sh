# The chart step of the bench scripts (sourced, not run): draws a result table as a PNG with
# basalt-bench-charts' BarChart (JFreeChart, headless: no display, no Python needed).

# Builds basalt-bench-charts when its jar is missing or older than its sources, as bin/basalt does
# for the server; prints the classpath.
bench_chart_classpath() {
    local module=$ROOT/basalt-bench-charts jar
    jar=$(ls "$module"/target/basalt-bench-charts-*.jar 2>/dev/null | grep -v -e -sources -e -tests | head -1)
    if [ -z "$jar" ] || [ ! -d "$module/target/lib" ] ||
        [ -n "$(find "$module/pom.xml" "$module/src/main" -newer "$jar" -print -quit)" ]; then
        command -v mvn >/dev/null || { bench_log "no chart: Maven (mvn) is needed to build basalt-bench-charts"; return 1; }
        bench_log "building basalt-bench-charts (first chart or sources changed)"
        # Maven 3.8 on JDK 25 prints stray colour resets even in batch mode: strip them (as bin/basalt does).
        (cd "$ROOT" && JAVA_HOME=$BASALT_JAVA_HOME mvn -B -q -Dstyle.color=never -DskipTests -pl basalt-bench-charts package 2>&1 |
            sed -u -e $'s/\e\\[[0-9;]*m//g' -e '/^$/d'; exit "${PIPESTATUS[0]}") >&2 ||
            { bench_log "no chart: basalt-bench-charts did not build"; return 1; }
        jar=$(ls "$module"/target/basalt-bench-charts-*.jar | grep -v -e -sources -e -tests | head -1)
        touch "$jar" # the jar plugin leaves an up-to-date jar alone: mark it fresh
    fi
    echo "$jar:$module/target/lib/*"
}

# bench_chart TABLE.tsv OUT.png [BarChart options: --title T --y-label L --series a,b --horizontal ...]
# A missing chart never fails a benchmark: the tables are the result, the PNG a picture of them.
bench_chart() {
    local table=$1 png=$2 cp
    shift 2
    # shellcheck source=../../bin/lib/find-java.sh
    . "$ROOT/bin/lib/find-java.sh"
    basalt_find_java >/dev/null || { bench_log "no chart: no JDK 25 found"; return 0; }
    cp=$(bench_chart_classpath) || return 0
    if "$BASALT_JAVA_HOME/bin/java" -Djava.awt.headless=true -cp "$cp" dev.basalt.bench.charts.BarChart \
        "$table" "$png" "$@"; then
        bench_log "chart: $png"
    else
        bench_log "no chart: BarChart failed on $table"
    fi
}

# The first markdown table of FILE whose header starts with "| HEADER" as TSV; backticked SQL after
# "name: " is dropped from the first column so the chart shows the short name.
bench_md_table_tsv() {
    awk -v head="| $2" '
        index($0, head) == 1 { on = 1 }
        on && !/^\|/ { exit }
        on && !/^\|[-:| ]+\|$/ {
            n = split($0, c, "|"); line = ""
            for (i = 2; i < n; i++) {
                v = c[i]; gsub(/^ +| +$/, "", v)
                if (i == 2) sub(/: `.*$/, "", v)
                line = line (i > 2 ? "\t" : "") v
            }
            print line
        }' "$1"
}
