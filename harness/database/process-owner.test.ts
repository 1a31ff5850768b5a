import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  currentOwner,
  isOwnerAlive,
  ownerComment,
  ownerTag,
  parseOwnerComment,
  parseOwnerTag,
} from './process-owner.ts';

describe('process owners', () => {
  it('round-trip through a database comment and a folder tag', () => {
    const me = currentOwner();
    expect(parseOwnerComment(ownerComment(me))).toEqual(me);
    expect(parseOwnerTag(ownerTag(me))).toEqual(me);
    expect(parseOwnerComment('a comment someone wrote')).toBeNull();
    expect(parseOwnerComment(null)).toBeNull();
    expect(parseOwnerTag('12-34')).toBeNull();
  });

  it('tell a live owner from a gone one, a recycled pid, and never judge another host', () => {
    const me = currentOwner();
    expect(isOwnerAlive(me)).toBe(true);
    const child = spawnSync(process.execPath, ['-e', '0']);
    expect(isOwnerAlive({ ...me, pid: child.pid })).toBe(false);
    expect(isOwnerAlive({ ...me, startTicks: me.startTicks + 1 })).toBe(false);
    expect(isOwnerAlive({ ...me, pid: child.pid, host: 'another-machine' })).toBe(true);
  });
});
