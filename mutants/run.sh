#!/usr/bin/env bash
# Runs the library mutant catalogue: every mutants/NN-*.patch is applied to a scratch copy of the sources, and the
# tests and proofs named on its Killers: line must kill it. Prints the kill matrix and writes it to
# target/mutants/kill-matrix.md.
#
#   mutants/run.sh                 every mutant
#   mutants/run.sh --quick         the mutants with "Tier: quick" (CI)
#   mutants/run.sh --only REGEX    the mutants whose file name matches REGEX (grep -E)
#   mutants/run.sh --check         only check that every patch applies and has its headers (no build)
#   mutants/run.sh --publish       also rewrite the generated part of mutants/README.md with the matrix
#   mutants/run.sh --keep          keep the scratch tree (target/mutants/tree) for the next run
#
# Exit status: 0 every mutant killed (or every patch applies, with --check), 1 a mutant survived, is stale (its
# patch no longer applies) or did not build, 2 usage error.
#
# How a mutant is run: the scratch tree is a detached git worktree of the current sources (HEAD plus uncommitted
# changes to tracked files) under target/mutants/tree, built once with Maven (offline). For each mutant the tree is
# reset, the patch applied, and the changed main source files recompiled with javac into an overlay directory that
# comes first on the class path. Then, stopping at the first kill: the killers in the order of the Killers: line
# (junit:CLASS[#method] JUnit tests; jcstress:NAME proofs through jcstress-tests/run-proofs.sh --quick --only, with
# the overlay added to the proofs' jar; lincheck:CLASS a Lincheck test), then the whole JUnit suites of
# protocol-api and protocol-impl, then every jcstress proof. The committed sources are never edited.
set -euo pipefail

usage() {
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
}

quick=false only="" check=false publish=false keep=false
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=true ;;
        --only) [ $# -ge 2 ] || { echo "--only needs a regular expression: argument=--only" >&2; exit 2; }
                only="$2"; shift ;;
        --check) check=true ;;
        --publish) publish=true ;;
        --keep) keep=true ;;
        --help|-h) usage; exit 0 ;;
        *) echo "unknown option: argument=$1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

here="$(cd "$(dirname "$0")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel)"
cd "$root"

header() { # header FILE NAME: the value of a header line before the diff
    sed -n '/^diff --git /q; s/^'"$2"': *//p' "$1" | head -n 1
}

patches=()
for p in "$here"/[0-9][0-9]-*.patch; do
    [ -e "$p" ] || continue
    name="$(basename "$p" .patch)"
    if [ -n "$only" ] && ! grep -Eq -- "$only" <<<"$name"; then continue; fi
    if $quick && [ "$(header "$p" Tier)" != "quick" ]; then continue; fi
    patches+=("$p")
done
if [ "${#patches[@]}" -eq 0 ]; then
    echo "no mutant matches the selection: only=${only:-} quick=$quick" >&2
    exit 2
fi

# ------------------------------------------------------------------------------------------------ --check
if $check; then
    bad=0
    for p in "${patches[@]}"; do
        name="$(basename "$p" .patch)"
        for h in Mutant Fault Origin Killers Tier; do
            if [ -z "$(header "$p" "$h")" ]; then
                echo "MISSING HEADER $h: $name"; bad=1
            fi
        done
        if [ "$(header "$p" Mutant)" != "$name" ]; then
            echo "HEADER Mutant: must be the file name: $name"; bad=1
        fi
        if git apply --check "$p" 2>/dev/null; then
            echo "applies: $name"
        else
            echo "STALE: $name (git apply --check fails; refresh it, see mutants/README.md)"; bad=1
        fi
    done
    exit "$bad"
fi

# ------------------------------------------------------------------------------------------------ scratch tree
out="$root/target/mutants"
tree="$out/tree"
overlay="$out/overlay"
mkdir -p "$out"
exec 9>"$out/.lock"
if ! flock -n 9; then
    echo "another mutants/run.sh uses $out" >&2
    exit 2
fi

child=""
cleanup() {
    if [ -n "$child" ]; then
        kill -TERM -- "-$child" 2>/dev/null || kill -TERM "$child" 2>/dev/null || true
        wait "$child" 2>/dev/null || true
    fi
    if ! $keep && [ -d "$tree" ]; then
        git -C "$root" worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
        git -C "$root" worktree prune
    fi
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

# run SECONDS LOG CMD...: runs a command in its own process group (timeout's), output to LOG; its exit status.
run() {
    local limit="$1" log="$2"
    shift 2
    timeout -k 10 "$limit" "$@" >"$log" 2>&1 &
    child=$!
    local rc=0
    wait "$child" || rc=$?
    child=""
    return "$rc"
}

base="$(git stash create 2>/dev/null || true)"
base="${base:-HEAD}"
if [ -d "$tree" ] && git -C "$tree" rev-parse --git-dir >/dev/null 2>&1; then
    git -C "$tree" checkout -q --detach "$base"
else
    rm -rf "$tree"
    git worktree prune
    git worktree add -q --detach "$tree" "$base"
fi
git -C "$tree" reset -q --hard "$base"

echo "building the scratch tree (Maven, offline)..."
mvn_args=(-B -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -pl protocol-impl,jcstress-tests -am
          package dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test)
# offline first; online only if a plugin the verify build did not need (the dependency plugin) is missing
if ! run 1800 "$out/build.log" bash -c "cd '$tree' && ./mvnw -o ${mvn_args[*]}" \
        && ! run 1800 "$out/build.log" bash -c "cd '$tree' && ./mvnw ${mvn_args[*]}"; then
    cat "$out/build.log" >&2
    echo "the unmutated scratch tree does not build" >&2
    exit 1
fi
junit_version="$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' "$tree/pom.xml" | head -n 1)"
lib="$out/lib"
if ! ls "$lib"/junit-platform-launcher-"$junit_version".jar >/dev/null 2>&1; then
    get=(dependency:copy -Dartifact="org.junit.platform:junit-platform-launcher:$junit_version" \
         -DoutputDirectory="$lib" -Dmdep.stripVersion=false)
    (cd "$tree" && ./mvnw -B -q -o -N "${get[@]}" >/dev/null 2>&1) \
        || (cd "$tree" && ./mvnw -B -q -N "${get[@]}" >"$out/launcher.log" 2>&1) \
        || { cat "$out/launcher.log" >&2; exit 1; }
fi

modules=(protocol-api arch-frames protocol-impl)
main_cp="" test_cp=""
for m in "${modules[@]}"; do
    main_cp="$main_cp:$tree/$m/target/classes"
    test_cp="$test_cp:$tree/$m/target/test-classes"
done
deps="$(cat "$tree"/{protocol-api,arch-frames,protocol-impl}/target/test-classpath.txt | tr '\n' ':')"
classpath="$overlay$main_cp$test_cp:$deps:$lib/junit-platform-launcher-$junit_version.jar"
mkdir -p "$out/runner"
javac -nowarn -d "$out/runner" -cp "$classpath" "$here/KillRunner.java"
jvm_args=(--add-exports java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED)
jar_base="$out/jcstress-base.jar"
cp "$tree/jcstress-tests/target/jcstress.jar" "$jar_base"

# ------------------------------------------------------------------------------------------------ stages
killer="" stage="" note=""

# junit STAGE SELECTOR...: runs JUnit tests in the overlay; sets killer/stage when one fails.
junit() {
    local st="$1"
    shift
    local log="$out/logs/$name.$st.log" rc=0
    run 900 "$log" java "${jvm_args[@]}" -cp "$out/runner:$classpath" KillRunner "$@" || rc=$?
    if [ "$rc" -eq 3 ]; then
        killer="$(sed -n 's/^KILLED-BY \([^:]*\):.*/\1/p' "$log" | head -n 1)"
        stage="$st"
    elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        killer="timeout (no result in 900 s)"
        stage="$st"
    elif [ "$rc" -ne 0 ]; then
        note="$st stage error (exit $rc, see $log)"
    fi
}

# jcstress REGEX: runs the correct proofs matching REGEX against the overlay.
jcstress() {
    local log="$out/logs/$name.jcstress.log" rc=0
    cp "$jar_base" "$tree/jcstress-tests/target/jcstress.jar"
    if [ -n "$(ls -A "$overlay")" ]; then
        jar uf "$tree/jcstress-tests/target/jcstress.jar" -C "$overlay" .
    fi
    local sel=()
    [ -n "$1" ] && sel=(--only "$1")
    run 1200 "$log" "$tree/jcstress-tests/run-proofs.sh" --quick "${sel[@]}" || rc=$?
    if [ "$rc" -eq 1 ] && grep -q '^PROOFS FAILED' "$log"; then
        killer="$(sed -n '/^PROOFS FAILED/,$ s/^  dev\.sigpage\.jcstress\.\([^:]*\): .*/\1/p' "$log" | head -n 1)"
        stage="jcstress"
    elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        killer="timeout (no result in 1200 s)"
        stage="jcstress"
    elif [ "$rc" -ne 0 ]; then
        note="jcstress stage error (exit $rc, see $log)"
    fi
}

# resolve NAME: a test class's fully qualified name from WakeupTest or engine.DeliveryTest (#method kept).
resolve() {
    local cls="${1%%#*}" method=""
    [[ "$1" == *"#"* ]] && method="#${1#*#}"
    local path
    path="$(cd "$tree" && find protocol-api/src/test/java protocol-impl/src/test/java arch-frames/src/test/java \
        -path "*/${cls//.//}.java" 2>/dev/null | sort | head -n 1)"
    if [ -z "$path" ]; then
        echo "unknown test class: $cls" >&2
        return
    fi
    path="${path#*/src/test/java/}"
    path="${path%.java}"
    echo "${path//\//.}$method"
}

# ------------------------------------------------------------------------------------------------ the mutants
mkdir -p "$out/logs" "$out/results"
matrix="$out/kill-matrix.md"
{
    echo "| Mutant | Origin | Killed by | Stage | Seconds |"
    echo "|---|---|---|---|--:|"
} >"$matrix"
failed=0
for p in "${patches[@]}"; do
    name="$(basename "$p" .patch)"
    origin="$(header "$p" Origin)"
    killers="$(header "$p" Killers)"
    killer="" stage="" note=""
    start=$(date +%s)
    git -C "$tree" reset -q --hard "$base"
    git -C "$tree" clean -fdq
    rm -rf "$overlay"
    mkdir -p "$overlay"
    printf '%-44s ' "$name"
    if ! git -C "$tree" apply --check "$p" 2>/dev/null; then
        killer="STALE" stage="-"
    else
        git -C "$tree" apply "$p"
        mapfile -t changed < <(git -C "$tree" diff --name-only -- '*/src/main/java/*.java')
        files=()
        for f in "${changed[@]}"; do files+=("$tree/$f"); done
        if [ "${#files[@]}" -eq 0 ] || ! javac -nowarn --release 17 -implicit:none -proc:none -d "$overlay" \
                -cp "$main_cp:$deps" "${files[@]}" >"$out/logs/$name.javac.log" 2>&1; then
            killer="BUILD-FAILED" stage="javac"
        fi
    fi
    if [ -z "$killer" ]; then
        read -r -a tokens <<<"${killers//,/ }"
        i=0
        while [ -z "$killer" ] && [ "$i" -lt "${#tokens[@]}" ]; do
            kind="${tokens[$i]%%:*}"
            # consecutive JUnit tokens run in one go; each jcstress or lincheck token on its own
            group=("${tokens[$i]#*:}")
            i=$((i + 1))
            while [ "$kind" = junit ] && [ "$i" -lt "${#tokens[@]}" ] && [ "${tokens[$i]%%:*}" = "$kind" ]; do
                group+=("${tokens[$i]#*:}")
                i=$((i + 1))
            done
            case "$kind" in
                junit|lincheck)
                    sel=()
                    for g in "${group[@]}"; do
                        r="$(resolve "$g" 2>>"$out/logs/$name.resolve.log")"
                        if [ -n "$r" ]; then sel+=("$r"); else note="unknown test class: $g"; fi
                    done
                    [ "${#sel[@]}" -gt 0 ] && junit "$kind" "${sel[@]}" ;;
                jcstress)
                    jcstress "$(IFS='|'; echo "${group[*]}")" ;;
                *) note="unknown killer kind: $kind" ;;
            esac
        done
        if [ -z "$killer" ]; then
            suites=(package:dev.sigpage.api package:dev.sigpage.impl)
            if printf '%s\n' "${changed[@]}" | grep -q '^arch-frames/'; then
                suites+=(package:dev.sigpage.frames)
            fi
            junit "junit-suite" "${suites[@]}"
        fi
        if [ -z "$killer" ]; then
            jcstress ""
        fi
        if [ -z "$killer" ]; then
            killer="SURVIVED" stage="-"
        fi
    fi
    secs=$(($(date +%s) - start))
    case "$killer" in
        SURVIVED|STALE|BUILD-FAILED) failed=1; secs_cell="-" ;;
        *) secs_cell="$secs" ;;
    esac
    echo "$killer ($stage, ${secs} s)${note:+ [$note]}"
    echo "| $name | $origin | $killer | $stage | $secs_cell |" >>"$matrix"
    echo "| $name | $origin | $killer | $stage | $secs_cell |" >"$out/results/$name.row"
done
git -C "$tree" reset -q --hard "$base"

echo
cat "$matrix"
total="${#patches[@]}"
killed="$(grep -c '^| [0-9]' "$matrix" | tr -d ' ')"
survivors="$(grep -Ec '\| (SURVIVED|STALE|BUILD-FAILED) \|' "$matrix" || true)"
echo
echo "$((killed - survivors)) of $total mutants killed; matrix in ${matrix#"$root"/}"

if $publish; then
    readme="$here/README.md"
    marker="Generated by mutants/run.sh; do not edit by hand."
    if ! grep -qF "$marker" "$readme"; then
        echo "no marker line in mutants/README.md: marker=$marker" >&2
        exit 1
    fi
    # the latest result of every mutant of the catalogue (a run in chunks with --only and --keep adds up)
    all="$out/kill-matrix-all.md"
    head -n 2 "$matrix" >"$all"
    count=0 done_count=0 missing=""
    for p in "$here"/[0-9][0-9]-*.patch; do
        n="$(basename "$p" .patch)"
        count=$((count + 1))
        if [ -f "$out/results/$n.row" ]; then
            cat "$out/results/$n.row" >>"$all"
            grep -Eq '\| (SURVIVED|STALE|BUILD-FAILED) \|' "$out/results/$n.row" || done_count=$((done_count + 1))
        else
            echo "| $n | $(header "$p" Origin) | NOT RUN | - | - |" >>"$all"
            missing="$missing $n"
        fi
    done
    {
        sed "/$marker/q" "$readme"
        echo
        echo "$done_count of $count mutants killed (the latest run of each; seconds on a 2-core machine shared with"
        echo "other builds, from the start of the mutant's run: applying, compiling, and every stage tried before the kill)."
        echo
        cat "$all"
    } >"$readme.new"
    mv "$readme.new" "$readme"
fi
exit "$failed"
