#!/usr/bin/env bash
# Runs the sigpage race proofs and checks both directions: every correct test (*.Sigpage) shows zero forbidden
# outcomes, every broken twin (*.Broken*) shows at least one. Exit status 0 when both hold.
#
#   jcstress-tests/run-proofs.sh --quick        CI pass: correct tests only, one short iteration per JVM mode
#   jcstress-tests/run-proofs.sh --full         full run: correct tests and twins, jcstress default settings
#   jcstress-tests/run-proofs.sh --twins        twins only;  --correct  correct tests only
#   jcstress-tests/run-proofs.sh --only REGEX   narrow the selection, e.g. --only SenderInfoRace
#   jcstress-tests/run-proofs.sh --help         usage (no arguments: usage on stderr, exit status 2)
#   jcstress-tests/run-proofs.sh --version      the project version
#   any jcstress option after ours goes to jcstress, e.g. -time 2000 -iters 10 -c 2
#
# Exit status: 0 every proof holds, 1 a proof or twin failed, 2 usage error.
#
# Builds the jar first if it is missing (./mvnw -pl jcstress-tests -am package). Results go to
# jcstress-tests/target/jcstress-results[-quick]/ (proofs-summary.md, index.html, the raw .bin.gz).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/jcstress.jar"
if [ ! -f "$jar" ]; then
    (cd "$here/.." && ./mvnw -B -q -pl jcstress-tests -am package -DskipTests -Dmaven.javadoc.skip=true)
fi
if [ -n "${JAVA_HOME:-}" ]; then
    java="$JAVA_HOME/bin/java"
else
    java="java"
fi
mkdir -p "$here/target"
cd "$here/target"
exec "$java" -cp "$jar" dev.sigpage.jcstress.ProofRunner "$@"
