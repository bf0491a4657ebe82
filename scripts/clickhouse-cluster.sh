#!/usr/bin/env bash
# Start or stop a two-shard ClickHouse cluster on 127.0.0.1 for tests and local trials.
#   scripts/clickhouse-cluster.sh start   # installs clickhouse-server from apt if missing
#   scripts/clickhouse-cluster.sh stop
#   scripts/clickhouse-cluster.sh status
# State (PIDs, data folder, address) goes to $JOURNEY_CLICKHOUSE_STATE (default
# /tmp/journey-clickhouse/cluster.env) so tests and .ci/run can read it:
#   . /tmp/journey-clickhouse/cluster.env; echo "$JOURNEY_CLICKHOUSE_URL"
# Servers are stopped by PID (never by name); the data lives in a temp folder
# that `stop` removes.
set -euo pipefail
STATE=${JOURNEY_CLICKHOUSE_STATE:-/tmp/journey-clickhouse/cluster.env}
BASE_PORT=${JOURNEY_CLICKHOUSE_BASE_PORT:-19100}   # shard n: tcp BASE+n, http BASE+10+n, interserver BASE+20+n
CLUSTER=${JOURNEY_CLICKHOUSE_CLUSTER:-journey_cluster}
DATABASE=${JOURNEY_CLICKHOUSE_DATABASE:-journey}
SHARDS=${JOURNEY_CLICKHOUSE_SHARDS:-2}

install_if_missing() {
  if [ -x /usr/sbin/clickhouse-server ]; then return; fi
  echo "installing clickhouse-server and clickhouse-client from Debian..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq clickhouse-server clickhouse-client >/dev/null
}

start() {
  if [ -f "$STATE" ]; then
    # shellcheck disable=SC1090
    . "$STATE"
    if kill -0 ${JOURNEY_CLICKHOUSE_PIDS%% *} 2>/dev/null; then echo "already running: $JOURNEY_CLICKHOUSE_URL"; return; fi
    rm -f "$STATE"
  fi
  install_if_missing
  local root; root=$(mktemp -d /tmp/journey-ch.XXXXXX)
  cat > "$root/users.xml" <<'X'
<?xml version="1.0"?><yandex>
 <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
 <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
 <quotas><default/></quotas></yandex>
X
  local shards_xml=""
  for n in $(seq "$SHARDS"); do
    shards_xml+="<shard><replica><host>127.0.0.1</host><port>$((BASE_PORT + n))</port></replica></shard>"
  done
  local pids=() http_ports=()
  for n in $(seq "$SHARDS"); do
    local d="$root/s$n" tcp=$((BASE_PORT + n)) http=$((BASE_PORT + 10 + n)) isp=$((BASE_PORT + 20 + n))
    mkdir -p "$d"/{data,tmp,log}
    cat > "$d/config.xml" <<X
<?xml version="1.0"?><yandex>
 <logger><level>warning</level><log>$d/log/server.log</log><errorlog>$d/log/err.log</errorlog></logger>
 <listen_host>127.0.0.1</listen_host>
 <tcp_port>$tcp</tcp_port><http_port>$http</http_port>
 <interserver_http_port>$isp</interserver_http_port><interserver_http_host>127.0.0.1</interserver_http_host>
 <path>$d/data/</path><tmp_path>$d/tmp/</tmp_path>
 <users_config>$root/users.xml</users_config><default_profile>default</default_profile><default_database>default</default_database>
 <timezone>UTC</timezone><mark_cache_size>268435456</mark_cache_size>
 <remote_servers><$CLUSTER>$shards_xml</$CLUSTER></remote_servers></yandex>
X
    /usr/sbin/clickhouse-server --config-file="$d/config.xml" >"$d/stdout.log" 2>&1 &
    pids+=($!); http_ports+=($http)
  done
  for http in "${http_ports[@]}"; do
    for _ in $(seq 150); do curl -sf "http://127.0.0.1:$http/ping" >/dev/null && break; sleep 0.1; done
    if ! curl -sf "http://127.0.0.1:$http/?query=SELECT%201" >/dev/null; then
      echo "shard on port $http did not start; see $root" >&2
      for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
      exit 1
    fi
  done
  mkdir -p "$(dirname "$STATE")"
  local url="clickhouse://127.0.0.1:${http_ports[0]}/$DATABASE?cluster=$CLUSTER"
  {
    echo "JOURNEY_CLICKHOUSE_URL='$url'"
    echo "JOURNEY_CLICKHOUSE_PIDS='${pids[*]}'"
    echo "JOURNEY_CLICKHOUSE_HTTP_PORTS='${http_ports[*]}'"
    echo "JOURNEY_CLICKHOUSE_ROOT='$root'"
  } > "$STATE"
  echo "$url"
}

stop() {
  [ -f "$STATE" ] || { echo "not running"; return; }
  # shellcheck disable=SC1090
  . "$STATE"
  for p in $JOURNEY_CLICKHOUSE_PIDS; do kill -TERM "$p" 2>/dev/null || true; done
  for p in $JOURNEY_CLICKHOUSE_PIDS; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$p" 2>/dev/null || true
  done
  case "$JOURNEY_CLICKHOUSE_ROOT" in /tmp/journey-ch.*) rm -rf "$JOURNEY_CLICKHOUSE_ROOT" ;; esac
  rm -f "$STATE"
  echo "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if [ -f "$STATE" ]; then cat "$STATE"; else echo "not running"; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
