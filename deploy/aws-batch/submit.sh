#!/usr/bin/env bash
# Submits a sharded scsim run to AWS Batch: an array job of SHARDS children (child i runs shard
# i: scsim reads AWS_BATCH_JOB_ARRAY_INDEX and AWS_BATCH_JOB_ARRAY_SIZE), then a merge job that
# depends on the array job, so it starts only after every child has succeeded (if one fails
# after its retries, the merge job fails too instead of running).
#
# Usage: deploy/aws-batch/submit.sh QUEUE STUDY SHARDS REPLICATIONS [SEED] [SCENARIO]
#   deploy/aws-batch/submit.sh scsim-queue bottler-2000 8 2000 2026
# Register the job definition once (edit its image and EFS file system first):
#   aws batch register-job-definition --cli-input-json file://deploy/aws-batch/job-definition.json
# Shards go to /data/STUDY/shards on the EFS volume, results to /data/STUDY/results.
set -euo pipefail
if [[ $# -lt 4 ]]; then
  echo "usage: $0 QUEUE STUDY SHARDS REPLICATIONS [SEED] [SCENARIO]" >&2
  exit 2
fi
queue=$1 study=$2 shards=$3 replications=$4
seed=${5:-2026}
scenario=${6:-scenarios/bottler-17-plants.yaml}
if [[ ! $shards =~ ^[0-9]+$ || $shards -lt 2 ]]; then
  echo "$0: SHARDS must be at least 2 (AWS Batch array jobs have 2 to 10,000 children)" >&2
  exit 2
fi
dir="/data/$study"

array=$(aws batch submit-job --job-name "scsim-$study-shards" --job-queue "$queue" --job-definition scsim \
  --array-properties "size=$shards" \
  --parameters "scenario=$scenario,replications=$replications,seed=$seed,shardDir=$dir/shards/" \
  --query jobId --output text)

# A dependency on the array job as a whole (not N_TO_N, which pairs children of two array jobs
# index by index) waits for all of its children.
merge=$(aws batch submit-job --job-name "scsim-$study-merge" --job-queue "$queue" --job-definition scsim \
  --depends-on "jobId=$array" \
  --container-overrides "{\"command\":[\"merge\",\"$dir/shards\",\"--out\",\"$dir/results\"]}" \
  --query jobId --output text)

echo "array job $array, merge job $merge"
echo "watch: aws batch describe-jobs --jobs $merge --query 'jobs[0].status'"
