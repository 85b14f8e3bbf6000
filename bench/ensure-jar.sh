# Sourced by the bench scripts: builds bench/target/benchmarks.jar with Maven when it is missing
# or older than any source, pom or resource. Sets $root and $jar.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
if [[ ! -f "$jar" ]] || [[ -n "$(find "$root" -path "$root/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$jar" -print -quit)" ]]; then
  echo "bench: building $jar (mvn -B -q -pl bench -am package -DskipTests)..." >&2
  (cd "$root" && mvn -B -q -pl bench -am package -DskipTests) >&2
fi
