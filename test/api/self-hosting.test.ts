import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { DockerfileParser } from 'dockerfile-ast';
import markdownIt from 'markdown-it';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { commandLine } from '../../src/cli/main.js';
import { demoDoorOpens, readEnvironment } from '../../src/config.js';
import { createPartnership } from '../../src/partnerships/acts.js';
import { Client, startTestApp, TEST_PASSWORD, uniqueEmail, type TestApp } from '../support/test-app.js';

/**
 * The container recipe of docs/self-hosting.md, checked where containers cannot run: the
 * variables compose.yaml and the Dockerfile set are those the README documents and the server
 * reads, the image's health check answers on the real route, and the commands they start exist.
 */
const ROOT = process.cwd();
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const run = promisify(execFile);

/** The variables of the README's table under "Running", as its first column names them. */
function readmeVariables(): string[] {
  const tokens = markdownIt().parse(read('README.md'), {});
  const running = tokens.findIndex((token, index) => token.type === 'heading_open' && tokens[index + 1]?.content === 'Running');
  const tableStart = tokens.findIndex((token, index) => index > running && token.type === 'table_open');
  const tableEnd = tokens.findIndex((token, index) => index > tableStart && token.type === 'table_close');
  const variables: string[] = [];
  let inBody = false;
  let firstCell = false;
  for (const token of tokens.slice(tableStart, tableEnd)) {
    if (token.type === 'tbody_open') inBody = true;
    if (token.type === 'tr_open') firstCell = true;
    if (inBody && firstCell && token.type === 'inline') {
      const code = token.children?.find((child) => child.type === 'code_inline');
      if (code) variables.push(code.content);
      firstCell = false;
    }
  }
  return variables;
}

/** Every variable readEnvironment looks at, as it looks at them. */
function variablesTheServerReads(): string[] {
  const looked = new Set<string>();
  readEnvironment(
    new Proxy({} as NodeJS.ProcessEnv, {
      get(_, name) {
        if (typeof name === 'string') looked.add(name);
        return undefined;
      },
    }),
  );
  return [...looked];
}

interface ComposeService {
  readonly environment?: Record<string, string>;
  readonly command?: string[];
}
const compose = parseYaml(read('compose.yaml')) as { services: Record<string, ComposeService> };
const dockerfile = DockerfileParser.parse(read('Dockerfile'));

/** What the image's ENV instructions set. */
const imageEnvironment = (): Record<string, string> =>
  Object.fromEntries(dockerfile.getENVs().flatMap((env) => env.getProperties().map((property) => [property.getName(), property.getValue() ?? ''])));

/** The image's health check, as the exec-form array Docker runs. */
function healthCheckCommand(): string[] {
  const [healthCheck, ...others] = dockerfile.getHEALTHCHECKs();
  expect(others, 'one HEALTHCHECK').toEqual([]);
  expect(healthCheck!.getSubcommand()?.getValue()).toBe('CMD');
  const content = healthCheck!.getArgumentsContent()!;
  return JSON.parse(content.slice(content.indexOf('CMD') + 'CMD'.length)) as string[];
}

/** Fails unless `words` (what follows `bin/entente.js`) name a command of the CLI and only its options. */
function expectCliCommand(words: readonly string[]): void {
  let command: Command = commandLine();
  const options = words.filter((word) => word.startsWith('-'));
  for (const word of words.filter((word) => !word.startsWith('-'))) {
    const sub = command.commands.find((candidate) => candidate.name() === word);
    expect(sub, `entente has no command "${word}" under "${command.name()}"`).toBeDefined();
    command = sub!;
  }
  expect(command.commands, `"${command.name()}" is a group, not a command`).toEqual([]);
  expect(command.options.map((option) => option.long)).toEqual(expect.arrayContaining(options));
}

describe('the container recipe', () => {
  it('sets, for Entente, only variables the README documents, and the README documents exactly what the server reads', () => {
    const documented = readmeVariables();
    expect(documented).toContain('DATABASE_URL');
    expect([...documented].sort()).toEqual(variablesTheServerReads().sort());

    const composeVariables = Object.keys(compose.services['entente']!.environment ?? {});
    expect(composeVariables).toEqual(expect.arrayContaining(['DATABASE_URL', 'PUBLIC_URL', 'TRUST_PROXY']));
    const imageVariables = Object.keys(imageEnvironment());
    expect(imageVariables).toEqual(expect.arrayContaining(['HOST', 'DATA_DIR']));
    expect(documented).toEqual(expect.arrayContaining([...composeVariables, ...imageVariables]));
  });

  it('serves behind the proxy over https, as the README says such a server must be told', () => {
    const environment = compose.services['entente']!.environment!;
    expect(environment['TRUST_PROXY']).toBe('true');
    expect(environment['PUBLIC_URL']).toMatch(/^https:\/\//);
    expect(environment['DATABASE_URL']).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
  });

  it("keeps the demo's door shut in the image, even were the demo served", () => {
    const environment = readEnvironment(imageEnvironment());
    expect(environment.production).toBe(true);
    expect(demoDoorOpens({ demo: true }, environment)).toBe(false);
    expect(environment.host).toBe('0.0.0.0');
  });

  it('starts commands the CLI has: serve without the demo', () => {
    const started = [dockerfile.getCMDs().at(-1)!.getJSONStrings().map((word) => word.getJSONValue()), compose.services['entente']!.command!];
    for (const [node, script, ...words] of started) {
      expect(node).toBe('node');
      expect(existsSync(join(ROOT, script!)), script).toBe(true);
      expectCliCommand(words);
      expect(words).toEqual(['serve', '--no-demo']);
    }
    expect(() => expectCliCommand(['serve', '--no-such-option'])).toThrow();
    expect(() => expectCliCommand(['backup'])).toThrow();
  });
});

describe("the image's health check", () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('asks the health route, and succeeds while the server answers', async () => {
    const [program, ...args] = healthCheckCommand();
    const path = /\/api\/v1\/[\w/-]+/.exec(args.join(' '))?.[0];
    expect(path && t.app.hasRoute({ method: 'GET', url: path }), `health check asks ${path}`).toBe(true);
    await expect(run(program!, args, { env: { ...process.env, PORT: String(port) } })).resolves.toBeDefined();
  });

  it('fails where nothing answers', async () => {
    const [program, ...args] = healthCheckCommand();
    const closed = await startTestApp();
    await closed.app.listen({ port: 0, host: '127.0.0.1' });
    const nobody = (closed.app.server.address() as AddressInfo).port;
    await closed.close();
    await expect(run(program!, args, { env: { ...process.env, PORT: String(nobody) } })).rejects.toMatchObject({ code: 1 });
  });
});

describe('mail through SMTP_URL', () => {
  const received: { from: string; headers: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({ from: from === false ? '' : from.address, headers: Buffer.concat(chunks).toString('utf8').split('\r\n\r\n')[0]! });
        callback();
      });
    },
  });
  let t: TestApp;
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    t = await startTestApp({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Les Trois Rives <entente@trois-rives.example>' });
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  it('leaves from MAIL_FROM', async () => {
    const email = uniqueEmail('hote');
    await createPartnership(t.store.db, { name: 'Hébergement', admin: { fullName: 'Agnès Hôte', email, password: TEST_PASSWORD } }, t.clock.now());
    expect((await new Client(t.app).post('/api/v1/auth/magic-link', { email })).status).toBe(202);
    await t.app.mailer.idle();
    expect(received).toHaveLength(1);
    expect(received[0]!.from).toBe('entente@trois-rives.example');
    expect(received[0]!.headers).toMatch(/^From: Les Trois Rives <entente@trois-rives\.example>$/m);
  });
});
