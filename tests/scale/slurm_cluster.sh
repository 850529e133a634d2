# A single-node Slurm cluster for tests, from Debian's slurm-wlm and munge:
# munged, slurmctld and slurmd started directly (no systemd), every
# listener on 127.0.0.1, all state in one temporary folder. Source it:
#
#   . tests/scale/slurm_cluster.sh
#   slurm_start "$dir"      # sets SLURM_CONF; returns 77 when it cannot run here
#   sbatch ...
#   slurm_stop              # kills what slurm_start started (call from a trap)
#
# Needs root (slurmd runs jobs as their user, and the test's user is root in
# CI) and the packages slurm-wlm and munge (make deps).

slurm_log() { echo "slurm_cluster: $*" >&2; }

slurm_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

slurm_start() {
  SLURM_DIR=$1
  for cmd in munged slurmctld slurmd sbatch squeue scontrol sinfo scancel python3; do
    command -v "$cmd" >/dev/null || { slurm_log "$cmd not found (make deps installs slurm-wlm and munge)"; return 77; }
  done
  [ "$(id -u)" = 0 ] || { slurm_log "needs root to run slurmd"; return 77; }
  mkdir -p "$SLURM_DIR"/{state,spool,munge}
  chmod 700 "$SLURM_DIR/munge"
  if command -v mungekey >/dev/null; then
    mungekey --create --keyfile="$SLURM_DIR/munge/munge.key" >/dev/null 2>&1
  else
    dd if=/dev/urandom of="$SLURM_DIR/munge/munge.key" bs=1024 count=1 2>/dev/null
  fi
  chmod 400 "$SLURM_DIR/munge/munge.key"
  munged --force --socket="$SLURM_DIR/munge/munge.sock" --key-file="$SLURM_DIR/munge/munge.key" \
    --pid-file="$SLURM_DIR/munge/munged.pid" --log-file="$SLURM_DIR/munge/munged.log" \
    --seed-file="$SLURM_DIR/munge/munged.seed" || { slurm_log "munged did not start"; return 1; }
  local host ctld_port slurmd_port mem
  host=$(hostname -s)
  ctld_port=$(slurm_free_port)
  slurmd_port=$(slurm_free_port)
  mem=$(awk '/MemTotal/ {print int($2 / 1024 / 2)}' /proc/meminfo)
  SLURM_MEMORY_MB=$mem
  cat > "$SLURM_DIR/slurm.conf" <<CONF
ClusterName=winnowtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
CommunicationParameters=NoInAddrAny,NoCtldInAddrAny
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SLURM_DIR/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$SLURM_DIR/state
SlurmdSpoolDir=$SLURM_DIR/spool
SlurmctldPidFile=$SLURM_DIR/slurmctld.pid
SlurmdPidFile=$SLURM_DIR/slurmd.pid
SlurmctldLogFile=$SLURM_DIR/slurmctld.log
SlurmdLogFile=$SLURM_DIR/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MaxArraySize=1001
SchedulerParameters=sched_interval=1
MinJobAge=300
KillWait=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$SLURM_DIR/slurm.conf
  slurmctld -D -f "$SLURM_CONF" > "$SLURM_DIR/slurmctld.out" 2>&1 &
  SLURMCTLD_PID=$!
  slurmd -D -f "$SLURM_CONF" -N "$host" > "$SLURM_DIR/slurmd.out" 2>&1 &
  SLURMD_PID=$!
  local i
  for i in $(seq 1 60); do
    if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
      slurm_log "up: $host, ports $ctld_port/$slurmd_port, $(nproc) CPUs, $mem MiB, state in $SLURM_DIR"
      return 0
    fi
    sleep 0.5
  done
  slurm_log "the node did not come up; logs:"
  tail -n 20 "$SLURM_DIR"/slurmctld.log "$SLURM_DIR"/slurmd.log "$SLURM_DIR"/*.out >&2 || true
  return 1
}

slurm_stop() {
  [ -n "${SLURM_DIR:-}" ] || return 0
  if [ -n "${SLURM_CONF:-}" ]; then
    scancel --quiet --user=root >/dev/null 2>&1 || true
  fi
  local pid
  for pid in ${SLURMD_PID:-} ${SLURMCTLD_PID:-}; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in ${SLURMD_PID:-} ${SLURMCTLD_PID:-}; do
    wait "$pid" 2>/dev/null || true
  done
  if [ -f "$SLURM_DIR/munge/munged.pid" ]; then
    kill "$(cat "$SLURM_DIR/munge/munged.pid")" 2>/dev/null || true
  fi
  SLURMD_PID=
  SLURMCTLD_PID=
}
