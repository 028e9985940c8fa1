# Functions of the launcher (./gatehouse), kept apart so that LauncherTest can run them on a
# tree of its own. Callers set $root (the project's root) before they call anything.
#
# A build leaves a stamp, target/build.stamp; the tree needs a build when any source or build
# file is newer than that stamp. Only what a developer edits counts: everything under a
# module's target/ (generated sources, JMH's among them) and data/ is left out, so a second
# start with nothing changed does not build.
#
# Two launchers started at once (two nodes of a cluster, say) must not run two Maven builds in
# one tree: the build runs under an exclusive lock, target/build.lock, and a launcher that got
# the lock after waiting looks again, so that it does not build what the other just built.

stamp_file() { echo "$root/target/build.stamp"; }

needs_build() {
  local stamp
  stamp="$(stamp_file)"
  [ -f "$stamp" ] || return 0
  local jar
  for jar in "$@"; do
    [ -f "$jar" ] || return 0
  done
  [ -n "$(cd "$root" && find . \( -name target -o -path ./data -o -name .git \) -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit)" ]
}

run_build() {
  echo "gatehouse: building (mvn package, tests skipped)..." >&2
  local started
  started="$(mktemp "$root/target/build.started.XXXXXX")"
  if (cd "$root" && ${GATEHOUSE_MVN:-mvn} -q -B -Dstyle.color=never -DskipTests package >&2); then
    # The stamp takes the time the build started: a file saved while Maven ran is newer than
    # the stamp, so the next start builds again.
    mv -f "$started" "$(stamp_file)"
  else
    local rc=$?
    rm -f "$started"
    return $rc
  fi
}

# build_if_needed JAR...: builds when the tree needs it or one of the JARs is missing.
build_if_needed() {
  needs_build "$@" || return 0
  mkdir -p "$root/target"
  exec 9>"$root/target/build.lock"
  if ! flock -n 9; then
    echo "gatehouse: waiting for another build of this tree to finish..." >&2
    flock 9
  fi
  if needs_build "$@"; then
    run_build || { local rc=$?; exec 9>&-; return $rc; }
  fi
  exec 9>&-
}
