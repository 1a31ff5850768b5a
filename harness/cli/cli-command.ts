/**
 * One `hfc-bench` subcommand. Each lives in `harness/cli/commands/<name>.ts` and is registered in
 * `harness/cli/cli.ts`. `run` returns the process exit code; it throws only for harness failures, which the
 * CLI prints (with `cause`, PostgreSQL `code`/`detail`/`hint`, URLs redacted) and maps to exit code 2.
 */
export interface CliCommand {
  name: string;
  /** One line for `hfc-bench --help`. */
  summary: string;
  /** Full `--help` text of the subcommand: usage, every option with its default, an example. */
  help: string;
  run(argv: readonly string[]): Promise<number>;
}
