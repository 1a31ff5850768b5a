import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../../seeds/content-hash.ts';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../../../test/helpers/test-database.ts';
import { GENERATOR_VERSION } from '../../../seeds/generate-dataset.ts';
import { redactUrl } from '../../database/database-url.ts';
import { dropTemplate, listTemplates, templateName } from '../../schema/seed-templates.ts';
import { UsageError } from '../../core/usage-error.ts';
import { createSeedCommand, parseSeedArgs } from './seed.ts';

const URL = 'postgres://u:secret@127.0.0.1:5432/db';

describe('parseSeedArgs', () => {
  it('reads the options, with the documented defaults', () => {
    expect(parseSeedArgs(['--documents', '10', '--database-url', URL], {})).toEqual({
      help: false,
      mode: 'database',
      documents: 10,
      seed: 42,
      organizations: undefined,
      reset: false,
      force: false,
      hash: false,
      databaseUrl: URL,
    });
    expect(
      parseSeedArgs(['--documents', '5', '--seed', '0', '--reset', '--hash'], { DATABASE_URL: URL }),
    ).toMatchObject({
      seed: 0,
      reset: true,
      hash: true,
      databaseUrl: URL,
    });
    expect(parseSeedArgs(['--help'], {})).toEqual({ help: true });
  });

  it('rejects bad input with a message naming the option', () => {
    const parse =
      (argv: string[], env: Record<string, string> = { DATABASE_URL: URL }) =>
      () =>
        parseSeedArgs(argv, env);
    expect(parse([])).toThrow(UsageError);
    expect(parse([])).toThrow(/--documents is required/);
    expect(parse(['--documents', '0'])).toThrow(/--documents: expected a whole number >= 1/);
    expect(parse(['--documents', '1e3'])).toThrow(/--documents/);
    expect(parse(['--documents', '-5'])).toThrow(UsageError);
    expect(parse(['--documents', '10', '--seed', '1.5'])).toThrow(/--seed: expected a whole number >= 0/);
    expect(parse(['--documents', '10', '--organizations', '3'])).toThrow(/--organizations/);
    expect(parse(['--documents', '10', '--bogus'])).toThrow(UsageError);
  });

  it('without a database, seeds the template of the documents and seed, and refuses database-only options', () => {
    expect(parseSeedArgs(['--documents', '10'], {})).toEqual({
      help: false,
      mode: 'template',
      documents: 10,
      seed: 42,
      fresh: false,
    });
    expect(
      parseSeedArgs(['--documents', '10', '--seed', '7', '--fresh'], { DATABASE_URL: '' }),
    ).toMatchObject({
      mode: 'template',
      seed: 7,
      fresh: true,
    });
    for (const option of [['--reset'], ['--force'], ['--hash'], ['--organizations', '20']]) {
      expect(() => parseSeedArgs(['--documents', '10', ...option], {})).toThrow(
        new RegExp(`${option[0]} needs a database`),
      );
    }
    expect(() => parseSeedArgs(['--documents', '10', '--fresh'], { DATABASE_URL: URL })).toThrow(
      /--fresh rebuilds a template/,
    );
  });
});

describe('seed command', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('seed_cli');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('migrates a bare database, seeds it, refuses to seed it again, and reseeds it with --reset', async () => {
    let out = '';
    let err = '';
    const command = createSeedCommand({ out: (t) => (out += t), err: (t) => (err += t), env: {} });
    const argv = ['--documents', '60', '--seed', '3', '--database-url', db.url, '--hash'];
    expect(await command.run(argv)).toBe(0);
    expect(err).toMatch(/HFC schema is missing .*applying the schema migration first/);
    expect(err).toMatch(/seeding: 60\/60 documents \(100%\), \d+ rows, \d+ rows\/s, .* elapsed, done/);
    expect(out).toMatch(/\n\d+ rows in \d+\.\d\d s: \d+ rows\/s /);
    expect(out).toMatch(/document_extraction\s+60\n/);
    const hash = /content hash ([0-9a-f]{64})/.exec(out)?.[1];
    expect(hash).toBe(await contentHash(db.client));

    await expect(command.run(argv)).rejects.toThrow(UsageError);
    await expect(command.run(argv)).rejects.toThrow(/already holds HFC data/);

    out = '';
    expect(await command.run([...argv, '--reset'])).toBe(0);
    expect(/content hash ([0-9a-f]{64})/.exec(out)?.[1]).toBe(hash);
  });
});

describe('seed command without a database', () => {
  // A seed no other test uses: this test owns its template.
  const key = { generatorVersion: GENERATOR_VERSION, seed: 90_417, documents: 30 };
  const name = templateName(key);
  const server = testServerUrl();
  // Whether the server the command gets keeps templates (false: a temporary embedded cluster).
  let keepsTemplates = true;
  const openServer = () =>
    Promise.resolve({
      kind: 'external' as const,
      url: server,
      redactedUrl: redactUrl(server),
      version: '',
      versionNum: 0,
      keepsTemplates,
      close: () => Promise.resolve(),
    });
  afterAll(async () => {
    await dropTemplate(server, name);
  });

  it('seeds the template once, keeps it on the next call, and rebuilds it with --fresh', async () => {
    await dropTemplate(server, name);
    let out = '';
    let err = '';
    const command = createSeedCommand({
      out: (t) => (out += t),
      err: (t) => (err += t),
      env: {},
      openServer,
    });
    const argv = ['--documents', '30', '--seed', String(key.seed)];
    expect(await command.run(argv)).toBe(0);
    expect(err).toContain(`Seeding the template ${name}`);
    expect(out).toMatch(/document_extraction\s+30\n/);
    expect(out).toMatch(
      /\n\d+ rows in \d+\.\d\d s: \d+ rows\/s overall \(generating and loading \d+\.\d\d s at \d+ rows\/s, /,
    );
    const first = (await listTemplates(server)).find((t) => t.name === name);
    expect(first?.metadata?.documents).toBe(30);

    out = '';
    expect(await command.run(argv)).toBe(0);
    expect(out).toContain(`The template ${name} already exists (${first?.metadata?.rows} rows, `);
    expect((await listTemplates(server)).find((t) => t.name === name)?.metadata?.createdAt).toBe(
      first?.metadata?.createdAt,
    );

    out = '';
    expect(await command.run([...argv, '--fresh'])).toBe(0);
    expect(out).toMatch(/^Seeded the template /);
    expect((await listTemplates(server)).find((t) => t.name === name)?.metadata?.createdAt).not.toBe(
      first?.metadata?.createdAt,
    );
  });

  it('refuses to seed a template into a temporary cluster, which would not keep it', async () => {
    await dropTemplate(server, name);
    keepsTemplates = false;
    try {
      const command = createSeedCommand({ out: () => undefined, err: () => undefined, env: {}, openServer });
      await expect(command.run(['--documents', '30', '--seed', String(key.seed)])).rejects.toThrow(
        /persistent embedded cluster is in use by another run/,
      );
      expect((await listTemplates(server)).some((t) => t.name === name)).toBe(false);
    } finally {
      keepsTemplates = true;
    }
  });
});
