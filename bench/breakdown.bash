# Where a short run's time goes (issue 14): sourced by bench/run for `breakdown`.
# bench/README.md, "Where a short run's time goes", explains the table. Uses bench/run's machine,
# median, die.
#
# 1. Wall times, median of BENCH_RUNS (5) runs each, alternating: the JVM alone (`java -version`
#    with ./portico's GC and JIT flags), `./portico --version` (the launcher, the JVM with its
#    class-data archive and picocli's set-up) and the run itself,
#      ./portico synth --stack fleet --set apps=N --single-file --out DIR   (N = BENCH_APPS, 1)
# 2. One more run of it with JAVA_TOOL_OPTIONS=-Xlog:class+load, whose time stamps (JVM uptime)
#    split the run into phases at the first loading of a marker class each, and whose "source:"
#    fields count the classes by origin (the class-data archive, jar files, generated at run time).
#    Logging slows the run by a few per cent; the phases are approximate to the millisecond.

# phase name, then the class whose first loading ends it
breakdown_markers=(
  "JVM start, up to Portico's main class" dev.portico.synth.cli.Portico
  "command line: picocli builds the command tree and parses" dev.portico.synth.run.ProjectClasses
  "finding the stacks (class path scan, registry)" dev.portico.synth.Synthesizer
  "define: the user's define() and the frozen model" dev.portico.synth.emit.StackEmitter
  "emit + validate" dev.portico.synth.render.YamlRenderer
  "render: ModelTokens and FastYaml (Jackson only for what ModelTokens declines)" dev.portico.synth.write.OutputScope
  "write: lock, staging folder, rename" java.lang.Shutdown
)

# Seconds for one run of COMMAND... (shell clock), output discarded; dies when it fails.
breakdown_time() {
  local start end
  start=$EPOCHREALTIME
  "$@" >"$work/.log" 2>&1 || { cat "$work/.log" >&2; die "$* failed"; }
  end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}

run_breakdown() {
  local apps="${BENCH_APPS:-1}" runs="${BENCH_RUNS:-5}" i jvm=() version=() run=() out
  mkdir -p "${BENCH_WORK:-$target}"
  work="$(mktemp -d "${BENCH_WORK:-$target}/breakdown.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  out="$work/out"
  echo "bench: breakdown of ./portico synth --stack fleet --set apps=$apps --single-file; first an untimed run" >&2
  "$root/portico" synth --stack fleet --set "apps=$apps" --single-file --out "$out" >"$work/.log" 2>&1 \
    || { cat "$work/.log" >&2; die "./portico failed"; }
  local header
  header="$(machine)"
  for ((i = 1; i <= runs; i++)); do
    jvm+=("$(breakdown_time java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version)")
    version+=("$(breakdown_time "$root/portico" --version)")
    rm -rf "$out"
    run+=("$(breakdown_time "$root/portico" synth --stack fleet --set "apps=$apps" --single-file --out "$out")")
    echo "  run $i/$runs: java -version ${jvm[-1]} s, ./portico --version ${version[-1]} s, synth ${run[-1]} s" >&2
  done

  local classes="$work/classes.log"
  rm -rf "$out"
  JAVA_TOOL_OPTIONS="-Xlog:class+load:file=$classes:uptime" \
    "$root/portico" synth --stack fleet --set "apps=$apps" --single-file --out "$out" >"$work/.log" 2>&1 \
    || { cat "$work/.log" >&2; die "./portico with -Xlog:class+load failed"; }

  {
    echo "## Where a short run's time goes"
    echo
    echo "$header"
    echo "- command: \`./portico synth --stack fleet --set apps=$apps --single-file --out DIR\`; wall times are"
    echo "  medians of $runs runs, alternating; the phases come from one more run with"
    echo "  \`JAVA_TOOL_OPTIONS=-Xlog:class+load:file=LOG:uptime\` (first loading of a marker class each)"
    echo
    echo "| what | wall median (s) |"
    echo "|---|---:|"
    echo "| \`java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version\`: the JVM alone | $(median "${jvm[@]}") |"
    echo "| \`./portico --version\`: launcher, JVM, archive, picocli's set-up | $(median "${version[@]}") |"
    echo "| \`./portico synth --stack fleet --set apps=$apps --single-file\` | $(median "${run[@]}") |"
    echo
    echo "| phase (one run, class-load log) | ends at the first loading of | ms | classes loaded | of them not from the archive |"
    echo "|---|---|---:|---:|---:|"
    awk -v markers="$(printf '%s\n' "${breakdown_markers[@]}")" '
      BEGIN {
        n = split(markers, m, "\n")
        for (i = 1; i + 1 <= n; i += 2) { phase[++phases] = m[i]; marker[phases] = m[i + 1] }
        current = 1; start = 0
      }
      {
        t = substr($1, 2, index($1, "s]") - 2) * 1000
        name = $2
        while (current <= phases && name == marker[current]) {
          ms[current] = t - start; start = t; current++
        }
        cur = current > phases ? phases : current
        count[cur]++
        if ($0 !~ /source: shared objects file/) { fresh[cur]++ }
      }
      END {
        for (i = 1; i <= phases; i++) {
          printf "| %s | `%s` | %s | %d | %d |\n", phase[i], marker[i], (i in ms) ? sprintf("%.0f", ms[i]) : "n/a", count[i], fresh[i]
        }
      }' "$classes"
    echo
    echo "| classes by origin | loaded | from the archive |"
    echo "|---|---:|---:|"
    awk '
      function origin(name, line) {
        if (line ~ /source: (__JVM_LookupDefineClass__|__Lookup_defineClass__|__ClassDefiner__|__dynamic_proxy__)/ \
            || name ~ /\$\$Lambda\$|^jdk\.proxy|^com\.sun\.proxy/) return "generated at run time (lambdas, method handles, proxies, reflection)"
        if (name ~ /^picocli\./) return "picocli"
        if (name ~ /^com\.fasterxml\./) return "Jackson (com.fasterxml)"
        if (name ~ /^org\.yaml\./) return "SnakeYAML"
        if (name ~ /^io\.fabric8\./) return "fabric8 models"
        if (name ~ /^dev\.portico\./) return "Portico (dsl, synth, examples)"
        if (name ~ /^(java|javax|jdk|sun|com\.sun)\./) return "the JDK"
        return "other"
      }
      {
        o = origin($2, $0); n[o]++; total++
        if ($0 ~ /source: shared objects file/) { s[o]++; shared++ }
      }
      END {
        for (o in n) printf "| %s | %d | %d |\n", o, n[o], s[o]
        printf "| **all** | %d | %d |\n", total, shared
      }' "$classes" | sort -t'|' -k3 -rn
  } | tee "$target/breakdown-results.md"
}
