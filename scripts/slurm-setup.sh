#!/usr/bin/env bash
# A single-node Slurm cluster on this machine (127.0.0.1) for tests/slurm-integration.test.ts
# and for trying deploy/slurm/ by hand: installs Debian's slurmctld, slurmd, slurm-client and
# munge if they are missing, writes /etc/slurm/slurm.conf for this host (its short hostname,
# CPU count and memory), makes sure a munge key exists, and starts munged, slurmctld and slurmd.
#
# Runs as root (as CI does). Idempotent: when the cluster already answers and its node is up,
# it only reports that. Usage: bash scripts/slurm-setup.sh [--no-install] [--stop]
#   --no-install  fail instead of installing missing packages
#   --stop        stop the daemons this script started (by their pid files) and exit
set -euo pipefail

install=1
stop=0
for arg in "$@"; do
  case "$arg" in
    --no-install) install=0 ;;
    --stop) stop=1 ;;
    *) echo "slurm-setup: unknown argument $arg (expected --no-install or --stop)" >&2; exit 2 ;;
  esac
done

if [[ $(id -u) -ne 0 ]]; then
  echo "slurm-setup: must run as root (it writes /etc/slurm and starts system daemons)" >&2
  exit 2
fi

CONF=/etc/slurm/slurm.conf
CTLD_PID=/run/slurmctld.pid
SLURMD_PID=/run/slurmd.pid
MUNGE_PID=/run/munge/munged.pid

stop_pidfile() { # stop the daemon whose pid is in $1, if it runs
  local pid
  [[ -f $1 ]] || return 0
  pid=$(cat "$1")
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; fi
  rm -f "$1"
}

if [[ $stop -eq 1 ]]; then
  stop_pidfile "$SLURMD_PID"
  stop_pidfile "$CTLD_PID"
  [[ -f $MUNGE_PID ]] && runuser -u munge -- munged --stop >/dev/null 2>&1 || true
  echo "slurm-setup: stopped"
  exit 0
fi

# --- packages -----------------------------------------------------------------------------
missing=()
for bin in slurmctld slurmd sbatch munged; do
  command -v "$bin" >/dev/null 2>&1 || [[ -x /usr/sbin/$bin ]] || missing+=("$bin")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ $install -eq 0 ]]; then
    echo "slurm-setup: missing ${missing[*]} (apt-get install slurmctld slurmd slurm-client munge)" >&2
    exit 1
  fi
  echo "slurm-setup: installing slurmctld slurmd slurm-client munge"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
fi
export PATH="$PATH:/usr/sbin:/sbin"

node_name=$(hostname -s)

cluster_up() { # the controller answers and our node takes jobs
  scontrol ping 2>/dev/null | grep -q 'UP' || return 1
  local state
  state=$(sinfo -h -n "$node_name" -o '%T' 2>/dev/null | head -n1)
  [[ $state == idle* || $state == mixed* || $state == allocated* || $state == completing* ]]
}

if [[ -f $CONF ]] && cluster_up; then
  echo "slurm-setup: cluster already up (node $node_name)"
  exit 0
fi

# --- munge ----------------------------------------------------------------------------------
mkdir -p /etc/munge /run/munge /var/lib/munge /var/log/munge
if [[ ! -s /etc/munge/munge.key ]]; then
  if command -v mungekey >/dev/null 2>&1 || [[ -x /usr/sbin/mungekey ]]; then
    mungekey --create --keyfile=/etc/munge/munge.key --force
  else
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
  fi
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge
chmod 0700 /etc/munge /var/lib/munge /var/log/munge
chmod 0755 /run/munge
chmod 0400 /etc/munge/munge.key
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  rm -f /run/munge/munge.socket.2 /run/munge/munge.socket.2.lock
  runuser -u munge -- munged --pid-file="$MUNGE_PID"
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
fi
munge -n | unmunge >/dev/null || { echo "slurm-setup: munged does not answer" >&2; exit 1; }

# --- slurm.conf -----------------------------------------------------------------------------
# `slurmd -C` prints what slurmd itself detects (CPUs, sockets, cores, memory); using its line
# keeps the node definition consistent with the machine, so the node does not drain as
# "low socket*core*thread count" or "low RealMemory".
hw=$(slurmd -C | head -n1)
cpus=$(sed -n 's/.* CPUs=\([0-9]*\).*/\1/p' <<<"$hw")
mem=$(sed -n 's/.* RealMemory=\([0-9]*\).*/\1/p' <<<"$hw")
# Leave a little memory head-room: a node reporting less than its RealMemory is drained.
mem=$(( mem * 95 / 100 ))
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
cat >"$CONF" <<EOF
# Written by scripts/slurm-setup.sh: a single-node cluster on 127.0.0.1 for scsim's tests.
ClusterName=scsim
SlurmctldHost=${node_name}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
# No cgroups: the daemons may run in a container without a writable cgroup tree.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
# Cores are the consumable resource, so array tasks run side by side, one per CPU.
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=${CTLD_PID}
SlurmdPidFile=${SLURMD_PID}
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=5
Waittime=0
NodeName=${node_name} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=${mem} State=UNKNOWN
PartitionName=debug Nodes=${node_name} Default=YES MaxTime=INFINITE State=UP
EOF

# --- daemons --------------------------------------------------------------------------------
# Restart both so they read the configuration just written.
stop_pidfile "$SLURMD_PID"
stop_pidfile "$CTLD_PID"
sleep 0.5
slurmctld
for _ in $(seq 100); do scontrol ping 2>/dev/null | grep -q 'UP' && break; sleep 0.1; done
scontrol ping | grep -q 'UP' || { echo "slurm-setup: slurmctld did not start; see /var/log/slurm/slurmctld.log" >&2; exit 1; }
slurmd
for _ in $(seq 150); do
  state=$(sinfo -h -n "$node_name" -o '%T' 2>/dev/null | head -n1)
  [[ $state == idle* ]] && break
  # A node left down or drained by an earlier run comes back once resumed.
  if [[ $state == down* || $state == drain* ]]; then scontrol update NodeName="$node_name" State=RESUME 2>/dev/null || true; fi
  sleep 0.2
done
if ! cluster_up; then
  echo "slurm-setup: node $node_name is not up (state: ${state:-unknown}); see /var/log/slurm/slurmd.log" >&2
  exit 1
fi
echo "slurm-setup: cluster up (node $node_name, $cpus CPUs, ${mem} MB)"
