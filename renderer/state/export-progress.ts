// Export jobs reach the screen from the start call, export.progress events and status polls, in any
// order: never let a job's progress go backwards or a finished job look running again.
import type { ExportJob } from '../../shared/manager-types';

const FINAL = new Set<ExportJob['status']>(['done', 'failed']);

export function mergeJob(current: ExportJob | undefined, incoming: ExportJob): ExportJob {
  if (!current) return incoming;
  if (FINAL.has(current.status) && !FINAL.has(incoming.status)) return current;
  if (FINAL.has(incoming.status)) return incoming;
  return incoming.done >= current.done ? incoming : current;
}

export function upsertJob(jobs: readonly ExportJob[], incoming: ExportJob): ExportJob[] {
  const existing = jobs.find((job) => job.id === incoming.id);
  if (!existing) return [incoming, ...jobs];
  const merged = mergeJob(existing, incoming);
  return merged === existing ? [...jobs] : jobs.map((job) => (job.id === incoming.id ? merged : job));
}

/** 0–100 for the progress bar; null while the total is not known yet (indeterminate bar). */
export function progressPercent(job: ExportJob): number | null {
  if (job.status === 'done') return 100;
  if (job.total <= 0) return null;
  return Math.min(100, Math.floor((job.done / job.total) * 100));
}

export function isRunning(job: ExportJob): boolean {
  return job.status === 'running';
}
