/**
 * The deploy/ examples hang together: what the shard tasks write is what the merge reads, the
 * shard count given to scsim equals the engine's array size, every task index maps to a shard,
 * and the scripts parse. (Slurm's scripts also run for real in slurm-integration.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseShardSpec } from '../src/experiment/shard.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface K8sContainer {
  name: string;
  args?: string[];
  command?: string[];
  env?: Array<{ name: string; value: string }>;
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}
interface K8sDoc {
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    template: { spec: { serviceAccountName?: string; containers: K8sContainer[]; initContainers?: K8sContainer[]; volumes: Array<{ persistentVolumeClaim: { claimName: string } }> } };
  };
}

describe('Kubernetes manifest', () => {
  const docs = parseAllDocuments(read('deploy/kubernetes/scsim-sharded.yaml')).map((d) => d.toJS() as K8sDoc);
  const jobs = docs.filter((d) => d.kind === 'Job');
  const shards = jobs.find((j) => j.spec.completionMode === 'Indexed')!;
  const merge = jobs.find((j) => j !== shards)!;
  const shard = shards.spec.template.spec.containers[0]!;
  const mergeContainer = merge.spec.template.spec.containers[0]!;

  it('runs one pod per shard, and every completion index is a valid shard of SCSIM_SHARDS', () => {
    const count = Number(shard.env!.find((e) => e.name === 'SCSIM_SHARDS')!.value);
    expect(count).toBe(shards.spec.completions);
    expect(shard.args).toContain('--shard=auto');
    for (let i = 0; i < count; i++)
      expect(parseShardSpec('auto', { JOB_COMPLETION_INDEX: String(i), SCSIM_SHARDS: String(count) })).toEqual({ index: i, count });
  });

  it('merges the folder the shards write to, on the same volume, after waiting for the shard Job', () => {
    const out = shard.args!.find((a) => a.startsWith('--out='))!.slice('--out='.length);
    expect(out.endsWith('/')).toBe(true);
    expect(mergeContainer.args!.slice(0, 2)).toEqual(['merge', out.replace(/\/$/, '')]);
    const claims = jobs.map((j) => j.spec.template.spec.volumes[0]!.persistentVolumeClaim.claimName);
    expect(new Set(claims)).toEqual(new Set([docs.find((d) => d.kind === 'PersistentVolumeClaim')!.metadata.name]));
    const wait = merge.spec.template.spec.initContainers![0]!.command!.join(' ');
    expect(wait).toContain(`kubectl get job ${shards.metadata.name}`);
    expect(docs.find((d) => d.kind === 'ServiceAccount')!.metadata.name).toBe(merge.spec.template.spec.serviceAccountName);
  });
});

describe('AWS Batch job definition and submit script', () => {
  const def = JSON.parse(read('deploy/aws-batch/job-definition.json')) as {
    jobDefinitionName: string;
    parameters: Record<string, string>;
    containerProperties: { command: string[] };
  };
  const submit = read('deploy/aws-batch/submit.sh');

  it('fills every Ref:: placeholder and runs an auto shard into the folder the merge reads', () => {
    const command = def.containerProperties.command.map((a) => (a.startsWith('Ref::') ? def.parameters[a.slice(5)] : a));
    expect(command).not.toContain(undefined);
    expect(command.join(' ')).toContain('--shard auto');
    expect(def.containerProperties.command[def.containerProperties.command.indexOf('--out') + 1]).toBe('Ref::shardDir');
    expect(submit).toContain('shardDir=$dir/shards/');
    expect(submit).toContain('\\"merge\\",\\"$dir/shards\\"');
    expect(submit).toContain(`--job-definition ${def.jobDefinitionName}`);
    expect(submit).toMatch(/--depends-on "jobId=\$array"/);
  });

  it('maps every array index to a shard', () => {
    for (let i = 0; i < 4; i++)
      expect(parseShardSpec('auto', { AWS_BATCH_JOB_ARRAY_INDEX: String(i), AWS_BATCH_JOB_ARRAY_SIZE: '4' })).toEqual({ index: i, count: 4 });
  });
});

it('every deploy and setup script is valid bash', () => {
  for (const script of ['deploy/slurm/submit.sh', 'deploy/slurm/shard.sbatch', 'deploy/slurm/merge.sbatch', 'deploy/aws-batch/submit.sh', 'scripts/slurm-setup.sh'])
    expect(() => execFileSync('bash', ['-n', join(ROOT, script)]), script).not.toThrow();
});
