# scripts/demo.sh --dashboard: the job live (counts, enriched feed, progress), the dashboard, and a
# paced, looping replay whose passes move forward in event time, so the page keeps moving and no
# call is late. Each process runs in its own session, its pid in DIR/NAME.pid; stop_dashboard_demo
# signals a pid only while /proc/PID/cmdline still names what was started.
# Sourced by demo.sh, whose info/die, ROOT, RUNTIME_DIR and settings it uses.
# shellcheck shell=bash

demo_dir="$RUNTIME_DIR/demo-dashboard"

# start_process NAME MARKER COMMAND...: runs COMMAND in its own session, output in DIR/NAME.log.
start_process() {
  local name="$1" marker="$2"; shift 2
  mkdir -p "$demo_dir"
  setsid "$@" >"$demo_dir/$name.log" 2>&1 </dev/null &
  echo "$! $marker" >"$demo_dir/$name.pid"
}

# True while the pid of NAME runs the command that was started (not a reused pid).
process_running() {
  local pid marker
  [ -f "$demo_dir/$1.pid" ] || return 1
  read -r pid marker <"$demo_dir/$1.pid" || return 1
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker" && echo "$pid"
}

# SIGTERM to NAME's process group, SIGKILL after 30 s.
stop_process() {
  local name="$1" pid
  pid="$(process_running "$name")" || { rm -f "$demo_dir/$name.pid"; return 0; }
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    process_running "$name" >/dev/null || { rm -f "$demo_dir/$name.pid"; info "stopped the $name"; return 0; }
    sleep 0.5
  done
  process_running "$name" >/dev/null && kill -KILL -- "-$pid" 2>/dev/null
  rm -f "$demo_dir/$name.pid"
  info "killed the $name (no exit within 30 s of SIGTERM)"
}

stop_dashboard_demo() {
  local name
  for name in producer dashboard job; do stop_process "$name"; done
}

# run_dashboard_demo BOOTSTRAP RATE PORT: the three output topics are emptied too, so the page starts clean.
run_dashboard_demo() {
  local bootstrap="$1" rate="$2" dashboard_port="$3" t url
  stop_dashboard_demo
  for t in "$topic.counts" "$topic.enriched" "$topic.progress"; do
    kafka_run org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" "${admin[@]}" --delete --if-exists \
      --topic "$t" >/dev/null
  done
  info "1/3 the job, live: counts, enriched feed and progress to $topic.{counts,enriched,progress} (log: $demo_dir/job.log)"
  # local[5]: the enriched feed's Real-Time Mode holds a task per partition (3), the counts 2 shuffle partitions.
  start_process job stream-job.jar "$ROOT/scripts/spark-submit" --master 'local[5]' "$ROOT/stream-job/target/stream-job.jar" \
    --bootstrap-server "$bootstrap" --topic "$topic" --queries counts,enriched --sinks kafka \
    --progress-topic "$topic.progress" --prometheus --trigger '2 seconds' "${job[@]}"
  info "2/3 the dashboard on 127.0.0.1:$dashboard_port (log: $demo_dir/dashboard.log)"
  start_process dashboard dashboard.jar java -Xmx256m -jar "$ROOT/dashboard/target/dashboard.jar" --bootstrap-server "$bootstrap" \
    --port "$dashboard_port" "${dashboard_client[@]}"
  for _ in $(seq 1 120); do
    grep -q "dashboard at " "$demo_dir/dashboard.log" 2>/dev/null && break
    process_running dashboard >/dev/null || { tail -n 3 "$demo_dir/dashboard.log" >&2; die "the dashboard did not start"; }
    sleep 0.5
  done
  # The job creates its topics once Spark is up: replaying before that is fine, it starts from earliest.
  info "3/3 replaying $(basename "$input") at $rate calls/s, looping, each pass later in event time (log: $demo_dir/producer.log)"
  start_process producer producer.jar java -jar "$ROOT/producer/target/producer.jar" --bootstrap-server "$bootstrap" \
    --topic "$topic" --input "$input" --rate "$rate" --loop "${producer[@]}"
  url="http://127.0.0.1:$dashboard_port/"
  info "the dashboard: $url (Spark's UI http://localhost:4040, its metrics /metrics/prometheus/; the dashboard's $url""metrics)"
  info "stop everything: scripts/demo.sh --stop"
  echo "$url"
}
