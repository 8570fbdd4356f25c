#!/bin/sh
# FlapGuard agent for RutOS (BusyBox ash; no bash features).
# Publishes per docs router-contract.md with mosquitto_pub:
#   <root>/<serial>/log/kernel   new dmesg lines, JSON envelope with sent_at + uptime_s
#   <root>/<serial>/log/syslog   logread -f lines, one message per line
#   <root>/<serial>/log/events   new events-log lines ("YYYY-MM-DD HH:MM:SS  Sender  Text")
#   <root>/<serial>/status       status JSON, retained, every STATUS_INTERVAL s and on change
# Log lines wait in bounded queue files while the broker is unreachable and are sent later.
#
# Usage: flapguard-agent.sh [-c CONFIG] [run|once|status|version]
#   run     (default) run until TERM
#   once    collect and send once (no syslog follow), exit 0 if everything was sent
#   status  print the status JSON to stdout and exit (no broker needed)

AGENT_VERSION=1

CONF=${FLAPGUARD_AGENT_CONF:-/etc/flapguard-agent.conf}
if [ "$1" = "-c" ]; then CONF=$2; shift 2; fi
MODE=${1:-run}
# "." searches PATH for a bare file name
case "$CONF" in */*) ;; *) CONF="./$CONF" ;; esac

# ---- defaults (override in the config file) ----
BROKER_HOST=localhost
BROKER_PORT=1883
TOPIC_ROOT=rutx
SERIAL=
SERIAL_CMD="mnf_info -s"
MQTT_USER=
MQTT_PASSWORD_FILE=
MQTT_ALLOW_PLAINTEXT_PASSWORD=0
MQTT_CAFILE=
MQTT_CERT=
MQTT_KEY=
MQTT_QOS=1
STATE_DIR=/tmp/flapguard-agent
BUFFER_MAX_BYTES=262144
LOG_POLL=2
STATUS_POLL=10
STATUS_INTERVAL=60
KERNEL_BATCH=100
SEND_BATCH=200
PUB_TIMEOUT=30
EVENTS_CMD=
SYSLOG_CMD="logread -f"
VERSION_FILE=/etc/version
UPTIME_FILE=/proc/uptime
MODEM_UBUS=gsm.modem0
MODEM_ID=

if [ -r "$CONF" ]; then
    # shellcheck disable=SC1090
    . "$CONF"
elif [ "$MODE" != version ]; then
    echo "flapguard-agent: no readable config $CONF, using defaults" >&2
fi

log() { echo "flapguard-agent: $*" >&2; }
die() { log "$*"; exit 1; }

case "$MODE" in
    version) echo "flapguard-agent $AGENT_VERSION"; exit 0 ;;
    run|once|status) ;;
    *) die "unknown mode '$MODE' (run|once|status|version)" ;;
esac

# ---- identity ----
trim1() { head -n 1 | tr -d '\r' | sed 's/^[[:space:]]*//; s/[[:space:]]*$//'; }
if [ -z "$SERIAL" ]; then SERIAL=$($SERIAL_CMD 2>/dev/null | trim1); fi
case "$SERIAL" in
    ''|*[!A-Za-z0-9_-]*) die "serial '$SERIAL' is missing or not [A-Za-z0-9_-]; set SERIAL in $CONF" ;;
esac
[ ${#SERIAL} -le 64 ] || die "serial longer than 64 characters"
BASE="$TOPIC_ROOT/$SERIAL"
# the broker knows a router by its serial: that is its username unless the config says otherwise
[ -n "$MQTT_USER" ] || MQTT_USER=$SERIAL

SPOOL="$STATE_DIR/spool"
PRIV="$STATE_DIR/private"
umask 077
mkdir -p "$SPOOL" "$PRIV" || die "cannot create $STATE_DIR"

# ---- JSON helpers ----
# Escape stdin as the inside of a JSON string (lines joined with \n).
json_escape() {
    tr -d '\000-\010\013\014\016-\037' | awk 'BEGIN { ORS = "" }
        { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "")
          if (NR > 1) printf "\\n"; printf "%s", $0 }'
}
# usable VALUE: not empty and not one of gsmctl's failure answers
usable() {
    case "$1" in ''|N/A|*ERROR*|*"Couldn't"*|*"not supported"*|*"Unknown"*) return 1 ;; esac
    return 0
}
JSON=
# add_str FIELD VALUE / add_num FIELD VALUE append to $JSON (comma-separated members)
add_str() { usable "$2" || return 0; JSON="$JSON${JSON:+,}\"$1\":\"$(printf '%s' "$2" | json_escape)\""; }
add_num() {
    if printf '%s' "$2" | grep -Eq '^-?[0-9]+(\.[0-9]+)?$'; then JSON="$JSON${JSON:+,}\"$1\":$2"; fi
}
# ubus_field OBJECT METHOD KEY: a string field of a ubus JSON answer, without jsonfilter
ubus_field() {
    ubus call "$1" "$2" 2>/dev/null | sed -n "s/^.*\"$3\"[[:space:]]*:[[:space:]]*\"\([^\"]*\)\".*$/\1/p" | head -n 1
}
gsm() {
    if [ -n "$MODEM_ID" ]; then gsmctl -O "$MODEM_ID" "$@" 2>/dev/null | trim1
    else gsmctl "$@" 2>/dev/null | trim1; fi
}
uptime_s() { cut -d ' ' -f 1 "$UPTIME_FILE" 2>/dev/null; }
now_utc() { date -u +%Y-%m-%dT%H:%M:%SZ; }

# ---- status (contract section 2) ----
# Sets STATUS_JSON (to publish) and STATUS_KEY (the part whose change triggers a publish:
# everything but sent_at, uptime and signal, which change all the time).
build_status() {
    model=$(ubus_field system board model); model=${model#Teltonika }
    JSON=; add_str name "$model"; add_str serial "$SERIAL"
    add_str firmware "$(trim1 < "$VERSION_FILE" 2>/dev/null)"
    add_str kernel "$(ubus_field system board kernel)"
    dev_stable=$JSON

    mstate=$(gsm -j)
    case "$mstate" in connected*) mstate=connected ;; disconnected*) mstate=disconnected ;; *) mstate= ;; esac
    JSON=; add_str model "$(gsm -m)"; add_str firmware "$(gsm -y)"
    add_str usb_id "$(ubus_field "$MODEM_UBUS" info usb_id)"; add_str state "$mstate"
    modem=$JSON

    JSON=; add_str operator "$(gsm -o)"; add_str state "$(gsm -g)"; add_str type "$(gsm -t)"
    add_str band "$(gsm -b)"
    network=$JSON

    JSON=
    sig=$(gsmctl ${MODEM_ID:+-O "$MODEM_ID"} -q 2>/dev/null | tr -d '\r')
    for k in rssi rsrp rsrq sinr; do
        K=$(echo "$k" | tr a-z A-Z)
        add_num "$k" "$(printf '%s\n' "$sig" | sed -n "s/^$K:[[:space:]]*\(-\{0,1\}[0-9.]*\).*$/\1/p" | head -n 1)"
    done
    signal=$JSON

    up=$(uptime_s); up=${up%%.*}
    JSON=$dev_stable; add_num uptime_s "$up"; device=$JSON
    STATUS_KEY="{\"device\":{$dev_stable},\"modem\":{$modem},\"network\":{$network}}"
    STATUS_JSON="{\"v\":1,\"sent_at\":\"$(now_utc)\",\"agent\":\"flapguard-agent/$AGENT_VERSION\",\"device\":{$device},\"modem\":{$modem},\"network\":{$network},\"signal\":{$signal}}"
}

if [ "$MODE" = status ]; then build_status; printf '%s\n' "$STATUS_JSON"; exit 0; fi

# ---- publishing ----
# Secrets and TLS files go into a private mosquitto_pub options file (read via XDG_CONFIG_HOME),
# so the password never appears on a command line that ps shows.
write_pub_options() {
    opts="$PRIV/mosquitto_pub"
    : > "$opts" || die "cannot write $opts"
    chmod 600 "$opts"
    if [ -n "$MQTT_USER" ]; then
        case "$MQTT_USER" in *' '*) die "MQTT_USER must not contain spaces" ;; esac
        echo "-u $MQTT_USER" >> "$opts"
    fi
    if [ -n "$MQTT_PASSWORD_FILE" ]; then
        # a password sent in clear text can be read and replayed by anyone on the path
        if [ -z "$MQTT_CAFILE" ]; then
            [ "$MQTT_ALLOW_PLAINTEXT_PASSWORD" = 1 ] || die "refusing to send the MQTT password without TLS: set MQTT_CAFILE (and BROKER_PORT=8883), or MQTT_ALLOW_PLAINTEXT_PASSWORD=1 for a broker on a trusted link"
            log "warning: sending the MQTT password without TLS (MQTT_ALLOW_PLAINTEXT_PASSWORD=1)"
        fi
        [ -r "$MQTT_PASSWORD_FILE" ] || die "cannot read MQTT_PASSWORD_FILE"
        pw=$(head -n 1 "$MQTT_PASSWORD_FILE" | tr -d '\r\n')
        case "$pw" in *' '*) die "the MQTT password must not contain spaces (mosquitto_pub option files split on them)" ;; esac
        [ -n "$pw" ] && echo "-P $pw" >> "$opts"
        pw=
    fi
    for pair in "--cafile:$MQTT_CAFILE" "--cert:$MQTT_CERT" "--key:$MQTT_KEY"; do
        val=${pair#*:}
        [ -n "$val" ] || continue
        [ -r "$val" ] || die "cannot read ${pair%%:*} file $val"
        echo "${pair%%:*} $val" >> "$opts"
    done
}

if command -v timeout >/dev/null 2>&1; then TIMEOUT="timeout $PUB_TIMEOUT"; else TIMEOUT=; fi

# pub TOPIC ARGS...: mosquitto_pub with connection options; payload from stdin (-l or -s)
pub() {
    topic=$1; shift
    XDG_CONFIG_HOME="$PRIV" $TIMEOUT mosquitto_pub -h "$BROKER_HOST" -p "$BROKER_PORT" \
        -i "fg-$SERIAL-$$" -q "$MQTT_QOS" -t "$topic" "$@" 2>"$STATE_DIR/pub.err"
}

# Drop the oldest lines of FILE so that it stays under BUFFER_MAX_BYTES.
trim_queue() {
    size=$(wc -c < "$1")
    [ "$size" -gt "$BUFFER_MAX_BYTES" ] || return 0
    before=$(wc -l < "$1")
    tail -c $((BUFFER_MAX_BYTES * 3 / 4)) "$1" | sed 1d > "$1.tmp" && mv "$1.tmp" "$1"
    log "buffer for $(basename "$1" .pending) full: dropped $((before - $(wc -l < "$1"))) oldest lines"
}

# Move SOURCE's new lines into its pending file and keep that under the cap.
# Lines that arrived in <src>.q are taken one cycle later (mv first, read next time), so a
# line being appended while the file is moved is never lost.
intake() {
    src=$1; q="$SPOOL/$src.q"; take="$SPOOL/$src.take"; pending="$SPOOL/$src.pending"
    if [ -f "$take" ]; then cat "$take" >> "$pending" && rm -f "$take"; fi
    [ -f "$q" ] && mv "$q" "$take"
    [ -s "$pending" ] && trim_queue "$pending"
    return 0
}

# Send SOURCE's pending lines: one MQTT message per line, SEND_BATCH lines per connection.
send() {
    src=$1; pending="$SPOOL/$src.pending"
    while [ -s "$pending" ]; do
        head -n "$SEND_BATCH" "$pending" > "$pending.batch"
        if pub "$BASE/log/$src" -l < "$pending.batch"; then
            n=$(wc -l < "$pending.batch")
            sed -i "1,${n}d" "$pending"
            if [ "$BROKER_DOWN" = 1 ]; then log "broker $BROKER_HOST:$BROKER_PORT reachable again"; BROKER_DOWN=0; fi
        else
            if [ "$BROKER_DOWN" != 1 ]; then
                log "cannot publish to $BROKER_HOST:$BROKER_PORT ($(head -n 1 "$STATE_DIR/pub.err")); buffering"
                BROKER_DOWN=1
            fi
            return 1
        fi
    done
    rm -f "$pending.batch"
}

flush_all() {
    intake kernel; intake events; intake syslog
    # once the broker failed for one source, the others wait for the next cycle
    send kernel && send events && send syslog
}

# ---- collectors ----
# New dmesg lines (stamp greater than the last one sent), as JSON envelopes of KERNEL_BATCH lines.
collect_kernel() {
    last=$(cat "$STATE_DIR/kernel.last" 2>/dev/null); last=${last:--1}
    up=$(uptime_s)
    # after a reboot the kernel clock starts again below the remembered stamp
    if awk -v l="$last" -v u="${up:-0}" 'BEGIN { exit !(l + 0 > u + 0) }'; then last=-1; fi
    dmesg > "$STATE_DIR/dmesg.now" 2>/dev/null || return 0
    awk -v last="$last" -v maxfile="$STATE_DIR/kernel.max" '
        match($0, /^\[ *[0-9]+\.[0-9]+\]/) {
            s = substr($0, 2, RLENGTH - 2); gsub(/ /, "", s)
            keep = (s + 0 > last + 0); if (s + 0 > max + 0) max = s
        }
        keep { print }
        END { if (max != "") print max > maxfile }' "$STATE_DIR/dmesg.now" > "$STATE_DIR/kernel.new"
    if [ -s "$STATE_DIR/kernel.new" ]; then
        sent=$(now_utc)
        json_escape_lines < "$STATE_DIR/kernel.new" | awk -v n="$KERNEL_BATCH" -v sent="$sent" -v up="${up:-0}" '
            { buf = buf (c ? "," : "") "\"" $0 "\""; c++
              if (c == n) { emit(); } }
            function emit() { printf "{\"v\":1,\"sent_at\":\"%s\",\"uptime_s\":%s,\"lines\":[%s]}\n", sent, up, buf; buf = ""; c = 0 }
            END { if (c) emit() }' >> "$SPOOL/kernel.q"
    fi
    [ -s "$STATE_DIR/kernel.max" ] && mv "$STATE_DIR/kernel.max" "$STATE_DIR/kernel.last"
    rm -f "$STATE_DIR/dmesg.now" "$STATE_DIR/kernel.new"
}
# each input line escaped for a JSON string, one per output line
json_escape_lines() {
    tr -d '\000-\010\013\014\016-\037' | awk '{ gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, ""); print }'
}

# New events-log lines from EVENTS_CMD: later than the newest stamp seen, or at that stamp and
# not seen yet. Remembers the newest stamp and the lines carrying it.
collect_events() {
    [ -n "$EVENTS_CMD" ] || return 0
    sh -c "$EVENTS_CMD" > "$STATE_DIR/events.now" 2>/dev/null || { log "EVENTS_CMD failed"; return 0; }
    touch "$STATE_DIR/events.seen"
    awk -v seenfile="$STATE_DIR/events.seen" -v newseen="$STATE_DIR/events.seen.new" '
        BEGIN { while ((getline l < seenfile) > 0) { if (last == "") last = substr(l, 1, 19); seen[l] = 1 } }
        { sub(/[ \t\r]+$/, "") }
        /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]/ {
            s = substr($0, 1, 19); n++; line[n] = $0; stamp[n] = s
            if (s > max) max = s
        }
        END {
            for (i = 1; i <= n; i++)
                if (stamp[i] > last || (stamp[i] == last && !(line[i] in seen))) print line[i]
            if (max == "" || max < last) exit
            if (max == last) for (l in seen) print l > newseen
            for (i = 1; i <= n; i++) if (stamp[i] == max) print line[i] > newseen
        }' "$STATE_DIR/events.now" >> "$SPOOL/events.q"
    [ -f "$STATE_DIR/events.seen.new" ] && sort -u "$STATE_DIR/events.seen.new" > "$STATE_DIR/events.seen"
    rm -f "$STATE_DIR/events.seen.new" "$STATE_DIR/events.now"
}

LAST_KEY=
LAST_STATUS_AT=0
status_tick() {
    build_status
    now=$(date +%s)
    if [ "$STATUS_KEY" != "$LAST_KEY" ] || [ $((now - LAST_STATUS_AT)) -ge "$STATUS_INTERVAL" ]; then
        if printf '%s' "$STATUS_JSON" | pub "$BASE/status" -r -s; then
            LAST_KEY=$STATUS_KEY; LAST_STATUS_AT=$now
        else
            return 1
        fi
    fi
}

# ---- syslog follower: SYSLOG_CMD lines appended to the syslog queue ----
SYSLOG_PID=
start_syslog() {
    (
        trap 'kill $FOLLOW 2>/dev/null; exit 0' TERM INT
        fifo="$STATE_DIR/syslog.fifo"; rm -f "$fifo"; mkfifo "$fifo"
        $SYSLOG_CMD > "$fifo" 2>/dev/null & FOLLOW=$!
        # our own messages (stderr goes to syslog under procd) are not sent back
        while IFS= read -r l; do
            case "$l" in *flapguard-agent*) ;; *) printf '%s\n' "$l" >> "$SPOOL/syslog.q" ;; esac
        done < "$fifo"
        wait $FOLLOW
    ) &
    SYSLOG_PID=$!
}

stop() {
    [ -n "$SYSLOG_PID" ] && kill "$SYSLOG_PID" 2>/dev/null
    [ -n "$SLEEP_PID" ] && kill "$SLEEP_PID" 2>/dev/null
    log "stopped"
    exit 0
}

write_pub_options

if [ "$MODE" = once ]; then
    collect_kernel; collect_events
    rc=0
    status_tick || rc=1
    # twice: the first pass moves fresh queues aside, the second sends them
    flush_all; flush_all || rc=1
    exit $rc
fi

trap stop TERM INT
log "started: serial $SERIAL, broker $BROKER_HOST:$BROKER_PORT as $MQTT_USER${MQTT_CAFILE:+ (TLS)}, topics $BASE/..."
start_syslog
BROKER_DOWN=0
tick=0
while :; do
    collect_kernel
    collect_events
    if [ $((tick % (STATUS_POLL / LOG_POLL > 0 ? STATUS_POLL / LOG_POLL : 1))) -eq 0 ]; then status_tick; fi
    flush_all
    if ! kill -0 "$SYSLOG_PID" 2>/dev/null; then log "syslog follower ended, restarting"; start_syslog; fi
    tick=$((tick + 1))
    # sleep in the background so TERM is handled at once
    sleep "$LOG_POLL" & SLEEP_PID=$!
    wait $SLEEP_PID
done
