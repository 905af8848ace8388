#!/usr/bin/env bash
# Submits a sharded scsim experiment to Slurm: a job array of N shard tasks, then a merge job
# that depends on the whole array (afterok) and writes WORKDIR/results.
#
# Usage: deploy/slurm/submit.sh -n SHARDS -d WORKDIR [-c CPUS] [-w] -- SCSIM COMMAND…
#   deploy/slurm/submit.sh -n 8 -d /shared/studies/base -- run scenarios/bottler-17-plants.yaml \
#       --replications 2000 --seed 7
#   -n SHARDS   array tasks (shards), 0-based: --array=0-(SHARDS-1)
#   -d WORKDIR  folder on a file system every node sees; shards go to WORKDIR/shards, results
#               to WORKDIR/results, Slurm logs to WORKDIR/logs
#   -c CPUS     CPUs per shard task, each running one worker thread (default 2)
#   -w          wait for the merge job and exit with its exit code (sbatch --wait)
# Environment: SCSIM (the scsim command, default `scsim`), SBATCH_* as usual.
# Prints the array job id and the merge job id.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shards=
workdir=
cpus=2
wait=()
while getopts 'n:d:c:w' opt; do
  case $opt in
    n) shards=$OPTARG ;;
    d) workdir=$OPTARG ;;
    c) cpus=$OPTARG ;;
    w) wait=(--wait) ;;
    *) echo "usage: $0 -n SHARDS -d WORKDIR [-c CPUS] [-w] -- SCSIM COMMAND..." >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[[ ${1:-} == -- ]] && shift
if [[ ! $shards =~ ^[1-9][0-9]*$ || ! $cpus =~ ^[1-9][0-9]*$ || -z $workdir || $# -eq 0 ]]; then
  echo "usage: $0 -n SHARDS -d WORKDIR [-c CPUS] [-w] -- SCSIM COMMAND... (e.g. -- run scenario.yaml --replications 1000 --seed 7)" >&2
  exit 2
fi
mkdir -p "$workdir/shards" "$workdir/logs"
workdir=$(cd "$workdir" && pwd)
# The shards of a previous experiment in the same folder would be refused by merge as foreign.
rm -f "$workdir"/shards/*.bin

array=$(sbatch --parsable --array="0-$((shards - 1))" --cpus-per-task="$cpus" \
  --output="$workdir/logs/shard-%a.out" --export="ALL,SCSIM_WORKDIR=$workdir" \
  "$here/shard.sbatch" "$@")
array=${array%%;*}
# afterok on an array job waits for every task; if one fails the dependency can never be met,
# and --kill-on-invalid-dep removes the merge job instead of leaving it pending forever.
merge=$(sbatch --parsable "${wait[@]}" --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --output="$workdir/logs/merge.out" --export="ALL,SCSIM_WORKDIR=$workdir" \
  "$here/merge.sbatch")
echo "array job $array, merge job ${merge%%;*}"
