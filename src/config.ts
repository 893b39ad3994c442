/** Settings come from the environment only; defaults make `npm start` work on a bare machine. */
export interface Environment {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly smtpUrl: string | undefined;
  readonly publicUrl: string;
  readonly trustProxy: boolean;
  /** `NODE_ENV=production`: a real deployment, where nothing meant for the demo's visitors opens. */
  readonly production: boolean;
  /** The sender of every mail (the mailer's own when unset); an SMTP relay usually accepts only an address of a domain it serves. */
  readonly mailFrom: string | undefined;
  readonly logLevel: string;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const port = Number(env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env['PORT']}"`);
  return {
    port,
    host: env['HOST'] ?? '127.0.0.1',
    dataDir: env['DATA_DIR'] ?? './data',
    databaseUrl: env['DATABASE_URL'] || undefined,
    smtpUrl: env['SMTP_URL'] || undefined,
    trustProxy: env['TRUST_PROXY'] === 'true',
    publicUrl: (env['PUBLIC_URL'] ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    production: env['NODE_ENV'] === 'production',
    mailFrom: env['MAIL_FROM'] || undefined,
    logLevel: env['LOG_LEVEL'] || 'info',
  };
}

/**
 * The demo's door (entering as one of its people without a password) opens only when `serve` runs
 * the demo (no `--no-demo`) outside production. Production is `NODE_ENV=production`, not an https
 * address: a public demo is served over https too, and its visitors are whom the door is for.
 */
export const demoDoorOpens = (options: { readonly demo: boolean }, env: Pick<Environment, 'production'>): boolean => options.demo && !env.production;
