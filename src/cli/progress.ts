/**
 * A progress bar on stderr while a job runs, only when stderr is a terminal: scripts and `--json`
 * callers get clean output.
 */
import cliProgress from 'cli-progress';

export interface ProgressReporter {
  update(fraction: number, message: string | undefined): void;
  stop(): void;
}

export function createProgress(label: string, enabled = process.stderr.isTTY): ProgressReporter {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% {stage}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1000, 0, { stage: '' });
  return {
    update: (fraction, message) => {
      bar.update(Math.round(fraction * 1000), { stage: message ?? '' });
    },
    stop: () => {
      bar.stop();
    },
  };
}
