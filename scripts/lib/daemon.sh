# The one implementation of the daemons' life cycle for start.sh/stop.sh (Kafka), spark-cluster.sh
# and hdfs.sh, in the manner of Hadoop's hadoop-functions.sh and Spark's spark-daemon.sh: a pid
# file per daemon, checked against the process's command line before the pid is trusted (a pid
# file outlives a reboot or a kill -9, and its number can be reused), a start that waits for a
# log line with a timeout, and a stop that sends SIGTERM, then SIGKILL after a timeout.
# Needs info() from common.sh.
# shellcheck shell=bash

# Prints the pid of pid file $1 when that process is alive and its command line contains $2.
daemon_pid() {
  local pid
  pid="$(cat "$1" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2" || return 1
  echo "$pid"
}

# Starts the command $3... detached from this shell and its terminal (setsid), appending its output
# to log $2, and writes its pid into pid file $1.
daemon_start() {
  local pid_file="$1" log="$2"
  shift 2
  setsid "$@" >>"$log" 2>&1 </dev/null &
  echo $! >"$pid_file"
}

# The byte of log $1 where the lines of a start begun now will be: a log is appended to across restarts.
daemon_log_end() { echo $(( $(stat -c %s "$1" 2>/dev/null || echo 0) + 1 )); }

# Waits until grep pattern $3 appears in log $1 from byte $2, while the daemon of pid file $4
# (command line containing $5) lives, for at most $6 seconds. Returns 0 when it appears, 1 when
# the daemon exited first, 2 on the timeout; on 1 and 2 the log's last lines go to stderr.
daemon_await_log() {
  local log="$1" from="$2" pattern="$3" pid_file="$4" match="$5" timeout="$6" started_at
  started_at=$(date +%s)
  until tail -c +"$from" "$log" 2>/dev/null | grep -q -- "$pattern"; do
    # In its first seconds the child may still be the forked shell, before it execs the daemon:
    # alive is enough then; after that its command line must match, as for any pid file.
    if ! daemon_pid "$pid_file" "$match" >/dev/null \
        && ! { [ $(( $(date +%s) - started_at )) -lt 10 ] && kill -0 "$(cat "$pid_file" 2>/dev/null)" 2>/dev/null; }; then
      tail -n 20 "$log" >&2
      return 1
    fi
    if [ $(( $(date +%s) - started_at )) -ge "$timeout" ]; then
      tail -n 20 "$log" >&2
      return 2
    fi
    sleep 0.5
  done
}

# Sends SIGKILL to the daemon of pid file $1 (command line containing $2), if it still is that daemon.
daemon_kill() {
  local pid
  pid="$(daemon_pid "$1" "$2")" && kill -KILL "$pid" 2>/dev/null || true
}

# Stops daemons, given as triples NAME PID_FILE MATCH after the timeout $1 in seconds: SIGTERM to
# every one that runs, all at once, then SIGKILL to any still running at the deadline; the pid
# is checked against its command line again right before the SIGKILL. Pid files are removed.
# Says on stderr what became of each daemon that ran; returns 1 when none was running.
daemon_stop() {
  local timeout="$1" names=() files=() matches=() pids=() pid k deadline
  shift
  while [ $# -ge 3 ]; do
    if pid="$(daemon_pid "$2" "$3")"; then
      kill -TERM "$pid" 2>/dev/null || true
      names+=("$1") files+=("$2") matches+=("$3") pids+=("$pid")
    else
      rm -f "$2"
    fi
    shift 3
  done
  [ "${#pids[@]}" -gt 0 ] || return 1
  deadline=$(( $(date +%s) + timeout ))
  for k in "${!pids[@]}"; do
    while daemon_pid "${files[$k]}" "${matches[$k]}" >/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do
      sleep 0.25
    done
    if daemon_pid "${files[$k]}" "${matches[$k]}" >/dev/null; then
      daemon_kill "${files[$k]}" "${matches[$k]}"
      info "${names[$k]} (pid ${pids[$k]}) did not stop within ${timeout}s and was killed"
    else
      info "${names[$k]} (pid ${pids[$k]}) stopped"
    fi
    rm -f "${files[$k]}"
  done
}
