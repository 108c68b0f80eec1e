# Portico side by side with its peers (issue 14): sourced by bench/run for `compare` and `quick`.
# bench/README.md explains every row. Uses bench/run's machine, jars_fingerprint, group, median, die.
#
# Each measurement runs Portico and its peer alternately (A B A B ...), each run into a fresh empty
# folder, timed from the shell's clock (EPOCHREALTIME, milliseconds) with peak RSS from
# /usr/bin/time -f %M; every run's output is checked afterwards, untimed.
#   Portico:  ./portico synth --stack fleet --set apps=N [--single-file] --out DIR
#             ./portico validate DIR                        (10,000 one-object files)
#   peer:     node bench/peers/fleet.js N DIR single|folder  (cdk8s-plus, from bench/peers/package-lock.json)
#             node bench/peers/validate.js DIR              (kubernetes-models' ajv validators)
#   Maven:    mvn -o compile portico:synth against mvn -o compile on the plugin's synth-check sample

peers_dir="$bench/peers"
peers_home="$target/peers"          # npm ci of bench/peers/package-lock.json; NODE_PATH points here
compare_sizes=(1 100 2500 10000)    # the fleet sizes of issue 14's targets
folder_apps=10000                   # the folder layout: 20,000 files
validate_apps=5000                  # 5,000 apps in the folder layout: 10,000 one-object files

# --- the peers --------------------------------------------------------------------------------

# npm ci from the lock file into bench/target/peers, again whenever package.json or the lock change.
install_peers() {
  command -v node >/dev/null && command -v npm >/dev/null \
    || die "compare needs Node.js (20 or newer) and npm for the peers: a benchmark dependency, never Portico's"
  local want
  want="$(cat "$peers_dir/package.json" "$peers_dir/package-lock.json" | cksum)"
  if [[ ! -d "$peers_home/node_modules" || "$(cat "$peers_home/.installed" 2>/dev/null)" != "$want" ]]; then
    echo "bench: installing the peers (npm ci from bench/peers/package-lock.json into $peers_home)" >&2
    rm -rf "$peers_home"
    mkdir -p "$peers_home"
    cp "$peers_dir/package.json" "$peers_dir/package-lock.json" "$peers_home/"
    (cd "$peers_home" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2) \
      || die "npm ci in $peers_home failed"
    echo "$want" >"$peers_home/.installed"
  fi
  export NODE_PATH="$peers_home/node_modules"
}

# "cdk8s-plus-34 2.0.54, cdk8s 2.70.106, ...": the installed versions of the pinned packages.
peer_versions() {
  node -e '
    const deps = Object.keys(require(process.argv[1]).dependencies);
    console.log(deps.map((d) => d + " " + require(d + "/package.json").version).join(", "));
  ' "$peers_dir/package.json"
}

# --- one timed run ------------------------------------------------------------------------------

# Runs COMMAND... under /usr/bin/time; sets wall (s, 3 decimals), rss (KB) and log (its output).
# A Portico run during which ./portico rebuilt itself (sources changed meanwhile) is measured again.
timed_run() {
  local stats="$work/.time" rc attempt start end
  log="$work/.log"
  for attempt in 1 2 3; do
    rc=0
    start=$EPOCHREALTIME
    /usr/bin/time -f "%M" -o "$stats" "$@" >"$log" 2>&1 || rc=$?
    end=$EPOCHREALTIME
    grep -q '^portico: building' "$log" || break
    echo "bench: ./portico rebuilt during the run (sources changed); measuring again" >&2
  done
  if [[ $rc -ne 0 ]]; then
    cat "$log" >&2
    die "$* exited with $rc"
  fi
  wall="$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')"
  rss="$(tail -n 1 "$stats")"
}

# Exactly WANT regular files matching NAME under DIR, or dies.
expect_files() {
  local dir="$1" name="$2" want="$3" have
  have="$(find "$dir" -type f -name "$name" | wc -l)"
  [[ $have -eq $want ]] || die "expected $want files $name under $dir, found $have; $(tail -n 3 "$log")"
}

# Exactly WANT documents (lines "kind: ...") in FILE, or dies.
expect_documents() {
  local file="$1" want="$2" have
  have="$(grep -c '^kind:' "$file" 2>/dev/null || true)"
  [[ $have -eq $want ]] || die "expected $want objects in $file, found ${have:-none}; $(tail -n 3 "$log")"
}

# One timed run of SIDE (portico|peer) for KIND (single|folder|validate) at APPS apps into a new
# empty folder $work/SIDE-KIND-N (set in out_dir), its output checked afterwards; sets wall and rss.
# Earlier runs' outputs are removed only after the row (measure_pair): on ext4, files created
# within a minute of deleting as many (the previous run's 20,000) cost two to ten times more
# kernel time, because the inode allocator passes over recently freed inodes.
runs_started=0
one_run() {
  local side="$1" kind="$2" apps="$3" resources=$((2 * $3)) out
  runs_started=$((runs_started + 1))
  out="$work/$side-$kind-$runs_started"
  out_dir="$out"
  mkdir -p "$out"
  case "$side/$kind" in
    portico/single)
      timed_run "$root/portico" synth --stack fleet --set "apps=$apps" --single-file --out "$out"
      expect_documents "$out/fleet/default.yaml" "$resources"
      ;;
    portico/folder)
      timed_run "$root/portico" synth --stack fleet --set "apps=$apps" --out "$out"
      expect_files "$out/fleet/default" '*-app-*.yaml' "$resources"
      ;;
    peer/single)
      timed_run node "$peers_dir/fleet.js" "$apps" "$out" single
      expect_documents "$out/fleet.k8s.yaml" "$resources"
      ;;
    peer/folder)
      timed_run node "$peers_dir/fleet.js" "$apps" "$out" folder
      expect_files "$out/fleet" '*.k8s.yaml' "$resources"
      ;;
    portico/validate)
      timed_run "$root/portico" validate "$validate_input"
      grep -q "$resources objects checked; 0 errors" "$log" || die "portico validate: $(tail -n 3 "$log")"
      ;;
    peer/validate | peer/floor)
      timed_run node "$peers_dir/validate.js" "$validate_input"
      grep -q "^$resources objects, 0 errors" "$log" || die "validate.js: $(tail -n 3 "$log")"
      ;;
    portico/floor)
      timed_run java "${floor_flags[@]}" -cp "$target/floor" ReadFloor "$validate_input"
      grep -q "^$resources files, " "$log" || die "ReadFloor: $(tail -n 3 "$log")"
      ;;
    portico/write-floor)
      timed_run java "${floor_flags[@]}" -cp "$target/floor" WriteFloor "$write_floor_source" "$out"
      expect_files "$out/fleet/default" 'object-*.yaml' "$resources"
      ;;
    peer/write-floor) # the folder row's floor is set against Portico's own one-file run
      timed_run "$root/portico" synth --stack fleet --set "apps=$apps" --single-file --out "$out"
      expect_documents "$out/fleet/default.yaml" "$resources"
      ;;
    *) die "one_run: $side/$kind" ;;
  esac
}

# --- one measurement: RUNS pairs, interleaved ----------------------------------------------------

declare -A p_wall c_wall p_mb c_mb ratio ratio_range runs_of

# Measures ROW (a key for the table) = KIND at APPS apps, RUNS times each side, Portico first in
# every pair; keeps each side's medians, and the median and range of the pairs' time ratios
# (a pair's two runs follow each other, so a slow drift of the machine's load cancels out).
measure_pair() {
  local row="$1" kind="$2" apps="$3" runs="$4" i p_walls=() c_walls=() p_rsses=() c_rsses=() ratios=()
  for ((i = 1; i <= runs; i++)); do
    one_run portico "$kind" "$apps"
    p_walls+=("$wall")
    p_rsses+=("$rss")
    one_run peer "$kind" "$apps"
    c_walls+=("$wall")
    c_rsses+=("$rss")
    ratios+=("$(awk -v p="${p_walls[-1]}" -v c="$wall" 'BEGIN { printf "%.4f", p / c }')")
    printf '  %-8s %-6s apps=%-6s run %d/%d: Portico %6.3f s %5.0f MB | peer %6.3f s %5.0f MB\n' \
      "$row" "$kind" "$apps" "$i" "$runs" "${p_walls[-1]}" "$(awk -v kb="${p_rsses[-1]}" 'BEGIN { print kb / 1024 }')" \
      "$wall" "$(awk -v kb="$rss" 'BEGIN { print kb / 1024 }')" >&2
  done
  # set aside, not removed: on this machine's ext4 (no journal) removing many files makes creating files slow
  # for minutes after (each recently freed inode is skipped), which a later folder-layout row would measure;
  # everything goes when the run ends
  mkdir -p "$work/measured"
  mv "$work/portico-$kind-"* "$work/peer-$kind-"* "$work/measured/"
  p_wall[$row]="$(median "${p_walls[@]}")"
  c_wall[$row]="$(median "${c_walls[@]}")"
  p_mb[$row]="$(awk -v kb="$(median "${p_rsses[@]}")" 'BEGIN { printf "%.0f", kb / 1024 }')"
  c_mb[$row]="$(awk -v kb="$(median "${c_rsses[@]}")" 'BEGIN { printf "%.0f", kb / 1024 }')"
  ratio[$row]="$(median "${ratios[@]}")"
  ratio_range[$row]="$(printf '%s\n' "${ratios[@]}" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f–%.2f", lo, hi }')"
  runs_of[$row]="$runs"
}

# --- the table ------------------------------------------------------------------------------------

# A / B with 2 decimals.
quotient() {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

# "met" or "**not met**" for `awk EXPRESSION` over x.
judge() {
  awk -v x="$1" "BEGIN { exit !($2) }" && echo "met" || echo "**not met**"
}

# "2.4× slower" or "6.5× faster" from a time ratio Portico / peer.
speed() {
  awk -v r="$1" 'BEGIN { if (r > 1) printf "%.1f× slower", r; else printf "%.1f× faster", 1 / r }'
}

# "0.612 s, 73 MB"
cell() {
  printf '%.2f s, %s MB' "$1" "$2"
}

# The table row of a Portico-versus-peer time ratio: ROW LABEL GOAL-TEXT AWK-CONDITION-ON-x (or "").
ratio_row() {
  local row="$1" label="$2" goal="$3" condition="$4" r status="—"
  r="$(awk -v r="${ratio[$row]}" 'BEGIN { printf "%.2f", r }')"
  [[ -n "$condition" ]] && status="$(judge "$r" "$condition")"
  echo "| $label | $(cell "${p_wall[$row]}" "${p_mb[$row]}") | $(cell "${c_wall[$row]}" "${c_mb[$row]}") | $r ($(speed "$r")); pairs ${ratio_range[$row]} | ${runs_of[$row]} | $goal | $status |"
}

# `mvn portico:synth` over `mvn compile` on the plugin's synth-check sample project (a shop stack),
# with the plugin and Portico's jars from maven-plugin/target/it-repo, the local repository that
# `mvn verify` fills for the plugin's integration tests (bench/run never installs into ~/.m2).
# Prints the table row; RUNS pairs (compile, then compile + synth), each side's median.
maven_row() {
  local runs="$1" repo="$root/maven-plugin/target/it-repo" project="$work/maven" i start middle end
  local compiles=() synths=() extra
  if [[ ! -d "$repo/dev/portico/portico-maven-plugin" ]]; then
    echo "| \`mvn portico:synth\` on a sample project, over \`mvn compile\` | not measured: run \`mvn verify\` first (it fills maven-plugin/target/it-repo) | — | — | — | < 1 s | **not measured** |"
    return
  fi
  rm -rf "$project"
  cp -r "$root/maven-plugin/src/it/synth-check" "$project"
  sed -i "s|@project.version@|$(cd "$root" && sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -n 1)|" "$project/pom.xml"
  sed "s|@localRepositoryUrl@|file://$HOME/.m2/repository|" "$root/maven-plugin/src/it/settings.xml" >"$project/settings.xml"
  local mvn=(mvn -B -q -s "$project/settings.xml" -Dmaven.repo.local="$repo" -f "$project/pom.xml")
  # once untimed and online: copies the build's plugins from ~/.m2 into the it-repo
  "${mvn[@]}" compile portico:synth >"$work/.log" 2>&1 || { cat "$work/.log" >&2; die "mvn portico:synth on the sample failed"; }
  for ((i = 1; i <= runs; i++)); do
    start=$EPOCHREALTIME
    "${mvn[@]}" -o compile >"$work/.log" 2>&1 || { cat "$work/.log" >&2; die "mvn compile on the sample failed"; }
    middle=$EPOCHREALTIME
    "${mvn[@]}" -o compile portico:synth >"$work/.log" 2>&1 || { cat "$work/.log" >&2; die "mvn portico:synth on the sample failed"; }
    end=$EPOCHREALTIME
    compiles+=("$(awk -v s="$start" -v e="$middle" 'BEGIN { printf "%.3f", e - s }')")
    synths+=("$(awk -v s="$middle" -v e="$end" 'BEGIN { printf "%.3f", e - s }')")
    printf '  maven run %d/%d: compile %.2f s, compile + portico:synth %.2f s\n' "$i" "$runs" "${compiles[-1]}" "${synths[-1]}" >&2
  done
  extra="$(awk -v a="$(median "${synths[@]}")" -v b="$(median "${compiles[@]}")" 'BEGIN { printf "%.2f", a - b }')"
  echo "| \`mvn portico:synth\` on a sample project (the plugin's synth-check: one stack), over \`mvn compile\` | +$extra s ($(printf '%.2f' "$(median "${compiles[@]}")") → $(printf '%.2f' "$(median "${synths[@]}")") s) | — | — | $runs | < 1 s | $(judge "$extra" 'x < 1.0') |"
}

# --- compare / quick ------------------------------------------------------------------------------

# run_compare MODE SMALL-RUNS LARGE-RUNS: MODE is compare or quick; SMALL-RUNS for 1 and 100 apps
# and validate, LARGE-RUNS for 2,500 and 10,000 apps and the folder layout.
run_compare() {
  local mode="$1" small_runs="$2" large_runs="$3" header fingerprint started apps runs
  export LC_ALL=C
  [[ -x /usr/bin/time ]] || die "needs GNU time at /usr/bin/time (apt-get install time)"
  install_peers
  mkdir -p "${BENCH_WORK:-$target}"
  work="$(mktemp -d "${BENCH_WORK:-$target}/compare.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  started=$SECONDS
  local load_before
  load_before="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)"
  header="$(machine)"
  header+=$'\n'"- node: $(node --version); peers (bench/peers/package-lock.json): $(peer_versions)"

  echo "bench: $mode: each command once, untimed (./portico builds itself if sources changed); the same objects on both sides" >&2
  one_run portico single 100 && mv "$out_dir" "$work/same-portico-single"
  one_run peer single 100 && mv "$out_dir" "$work/same-peer-single"
  one_run portico folder 100 && mv "$out_dir" "$work/same-portico-folder"
  one_run peer folder 100 && mv "$out_dir" "$work/same-peer-folder"
  local same
  same="$(node "$peers_dir/same-objects.js" "$work/same-portico-single" "$work/same-peer-single" 2>&1)" \
    || die "the peer's fleet differs from Portico's (single file, 100 apps): $same"
  same="$(node "$peers_dir/same-objects.js" "$work/same-portico-folder" "$work/same-peer-folder" 2>&1)" \
    || die "the peer's fleet differs from Portico's (folder layout, 100 apps): $same"
  rm -rf "$work"/same-*
  echo "bench: the 10,000 files for validate (./portico synth --set apps=$validate_apps, folder layout; untimed)" >&2
  validate_input="$work/validate-input"
  "$root/portico" synth --stack fleet --set "apps=$validate_apps" --out "$work/validate-source" >"$work/.log" 2>&1 \
    || { cat "$work/.log" >&2; die "synth of $validate_apps apps failed"; }
  mkdir -p "$validate_input"
  find "$work/validate-source/fleet/default" -name '*-app-*.yaml' -exec mv -t "$validate_input" {} +
  rm -rf "$work/validate-source"
  log="$work/.log"
  expect_files "$validate_input" '*.yaml' $((2 * validate_apps))
  one_run portico validate "$validate_apps"
  one_run peer validate "$validate_apps"
  # the validate row's floor: a JVM (the launcher's flags) that only lists and reads the same files
  javac -d "$target/floor" "$bench/floor/ReadFloor.java" "$bench/floor/WriteFloor.java" \
    || die "javac bench/floor/ReadFloor.java bench/floor/WriteFloor.java failed"
  floor_flags=(-XX:+UseSerialGC -Xmn24m -XX:TieredStopAtLevel=1 -XX:Tier3BackEdgeThreshold=6000 -XX:-UsePerfData -Xshare:auto)
  one_run portico floor "$validate_apps"
  # the folder row's floor: a JVM (the launcher's flags) that only writes the one-file output's documents as files
  "$root/portico" synth --stack fleet --set "apps=$folder_apps" --single-file --out "$work/write-floor-source" \
    >"$work/.log" 2>&1 || { cat "$work/.log" >&2; die "synth of $folder_apps apps failed"; }
  write_floor_source="$work/write-floor-source/fleet/default.yaml"
  one_run portico write-floor "$folder_apps"

  fingerprint="$(jars_fingerprint)"
  for apps in "${compare_sizes[@]}"; do
    runs="$large_runs"
    [[ $apps -le 100 ]] && runs="$small_runs"
    measure_pair "s$apps" single "$apps" "$runs"
  done
  measure_pair folder folder "$folder_apps" "$large_runs"
  measure_pair write-floor write-floor "$folder_apps" "$large_runs"
  measure_pair validate validate "$validate_apps" "$small_runs"
  measure_pair floor floor "$validate_apps" "$small_runs"
  local maven
  maven="$(maven_row "$small_runs")"

  local p_growth p_growth_raw c_growth p_folder c_folder
  p_growth="$(awk -v a="${p_wall[s10000]}" -v b="${p_wall[s2500]}" -v c="${p_wall[s1]}" 'BEGIN { printf "%.2f", (a - c) / (b - c) }')"
  p_growth_raw="$(quotient "${p_wall[s10000]}" "${p_wall[s2500]}")"
  c_growth="$(awk -v a="${c_wall[s10000]}" -v b="${c_wall[s2500]}" -v c="${c_wall[s1]}" 'BEGIN { printf "%.2f", (a - c) / (b - c) }')"
  p_folder="$(quotient "${p_wall[folder]}" "${p_wall[s10000]}")"
  c_folder="$(quotient "${c_wall[folder]}" "${c_wall[s10000]}")"

  {
    echo "## Portico side by side with cdk8s-plus and kubernetes-models (\`bench/run $mode\`)"
    echo
    echo "$header"
    echo "- load average after the run: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null); $((SECONDS - started)) s in all"
    echo "- each row: Portico and its peer alternately (\"runs\" pairs), each run into a fresh empty folder;"
    echo "  wall and peak RSS: each side's median; ratio: the median over the pairs of Portico's wall time /"
    echo "  the peer's in the run right after it (below 1: Portico faster), then the lowest and highest pair"
    echo
    echo "| measurement (issue 14) | Portico: wall, peak RSS | peer: wall, peak RSS | ratio Portico / peer | runs | target | status |"
    echo "|---|---:|---:|---|---:|---|---|"
    ratio_row s1 "synth the fleet, 1 app, one file" "ratio ≤ 1.0" 'x <= 1.0'
    ratio_row s100 "synth the fleet, 100 apps, one file" "ratio ≤ 1.0" 'x <= 1.0'
    ratio_row s2500 "synth the fleet, 2,500 apps, one file" "(growth, below)" ""
    ratio_row s10000 "synth the fleet, 10,000 apps, one file" "≥ 10× faster: ratio ≤ 0.10" 'x <= 0.10'
    echo "| peak RSS of that 10,000-app run | ${p_mb[s10000]} MB | ${c_mb[s10000]} MB | $(quotient "${p_mb[s10000]}" "${c_mb[s10000]}") | ${runs_of[s10000]} | Portico < 384 MB | $(judge "${p_mb[s10000]}" 'x < 384') |"
    echo "| growth 2,500 → 10,000 apps, net of the 1-app run: (t10000 − t1) / (t2500 − t1) | $p_growth (t10000 / t2500 = $p_growth_raw) | $c_growth | — | | Portico ≤ 4.0 (linear) | $(judge "$p_growth" 'x <= 4.0') |"
    ratio_row folder "synth the fleet, 10,000 apps, one file per object (20,000 files)" "(folder / one file, below)" ""
    echo "| folder layout / one file, 10,000 apps | $p_folder | $c_folder | — | | Portico ≤ 1.5 | $(judge "$p_folder" 'x <= 1.5') |"
    ratio_row write-floor "the folder row's floor: a JVM with the launcher's flags that only writes the one-file output's 20,000 documents as files in one new folder (\`bench/floor/WriteFloor.java\`), against Portico's one-file run (the peer column)" "(what creating the files costs; the target leaves 0.5 of the one-file run for it)" ""
    ratio_row validate "validate 10,000 one-object files (Portico: every rule; peer: schema only)" "≥ 2× faster: ratio ≤ 0.50" 'x <= 0.50'
    ratio_row floor "the validate row's floor: a JVM with the launcher's flags that only lists and reads the same files (\`bench/floor/ReadFloor.java\`), against ajv's full run" "(what any JVM spends before the content)" ""
    echo "$maven"
    echo
    echo "Peers: cdk8s-plus = \`node bench/peers/fleet.js N DIR single|folder\`; ajv = \`node bench/peers/validate.js DIR\`;"
    echo "Portico = \`./portico synth --stack fleet --set apps=N [--single-file] --out DIR\` and \`./portico validate DIR\`."
    echo "The peer's fleet was checked to hold the same objects as Portico's apart from bench/README.md's list"
    echo "(\`bench/peers/same-objects.js\`, 100 apps, both layouts)."
    local load_after
    load_after="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)"
    if awk -v a="$load_before" -v b="$load_after" -v n="$(nproc)" 'BEGIN { exit !(a > n || b > n) }'; then
      echo
      echo "**Warning**: the load average ($load_before before, $load_after after) exceeded the $(nproc) cores:"
      echo "other work shared the machine, so these ratios are noisy; rerun on a quieter machine."
    fi
    if [[ "$(jars_fingerprint)" != "$fingerprint" ]]; then
      echo
      echo "**Warning**: Portico's jars were rebuilt during the measurement, so the rows may mix two versions"
      echo "of the code; run \`bench/run $mode\` again on a quiet tree."
    fi
  } | tee "$target/$mode-results.md"
}
