// Starts the whole platform (the app jar, embedded mode) on free ports with a temporary DATA_DIR, for browser tests
// and benchmarks. Ports stay the same across restart(), as after a real server restart.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SERVICES = ['API_GATEWAY', 'AUTH', 'SOCKET_GATEWAY', 'STORAGE', 'ANALYTICS', 'LOGGING_SERVICE', 'AI_ANALYST',
  'TRADE_SIMULATOR', 'FEED_GENERATOR', 'WORKER_ENRICHER'];

// Ports below Linux's ephemeral range (32768-60999 by default), where the OS also picks outgoing connections' source
// ports: a port from listen(0) could be taken by one of the platform's own connections before its service bound it
// (seen once: the logging service's port, during start-up).
const LOWEST_PORT = 20000;
const PORT_SPAN = 12000;

async function freePort(taken) {
  for (;;) {
    const port = LOWEST_PORT + Math.floor(Math.random() * PORT_SPAN);
    if (!taken.has(port) && (await canListen(port))) {
      taken.add(port);
      return port;
    }
  }
}

function canListen(port) {
  return new Promise((ok) => {
    const s = createServer();
    s.unref();
    s.once('error', () => ok(false));
    s.listen(port, '127.0.0.1', () => s.close(() => ok(true)));
  });
}

function javaBinary() {
  if (process.env.DELTASTREAM_JAVA) return process.env.DELTASTREAM_JAVA;
  if (process.env.JAVA_HOME) return join(process.env.JAVA_HOME, 'bin', 'java');
  return 'java';
}

export class Platform {
  /** @param {Record<string, string>} env extra environment (FEED_INTERVAL, FEED_STRIKES, ...) */
  constructor(env = {}) {
    this.extraEnv = env;
    this.jar = resolve(process.env.DELTASTREAM_JAR ?? join(HERE, '..', '..', 'app', 'target', 'deltastream.jar'));
    this.dataDir = mkdtempSync(join(tmpdir(), 'deltastream-e2e-'));
    this.ports = {};
    this.process = null;
    this.log = [];
  }

  get url() {
    return `http://127.0.0.1:${this.ports.API_GATEWAY}`;
  }

  get socketUrl() {
    return `http://127.0.0.1:${this.ports.SOCKET_GATEWAY}`;
  }

  async start() {
    if (!existsSync(this.jar)) throw new Error(`app jar not found at ${this.jar}: build it (./deltastream build)`);
    if (!this.ports.API_GATEWAY) {
      const taken = new Set();
      for (const s of SERVICES) this.ports[s] = await freePort(taken);
    }
    const env = { ...process.env, DATA_DIR: this.dataDir, LOG_LEVEL: 'warn', FEED_INTERVAL: '0.5',
      GATEWAY_RATE_LIMIT_RPS: '1000', GATEWAY_RATE_LIMIT_BURST: '2000', ...this.extraEnv };
    for (const s of SERVICES) env[`${s}_PORT`] = String(this.ports[s]);
    for (const [v, s] of [['AUTH_SERVICE_URL', 'AUTH'], ['STORAGE_SERVICE_URL', 'STORAGE'],
      ['ANALYTICS_SERVICE_URL', 'ANALYTICS'], ['AI_SERVICE_URL', 'AI_ANALYST'], ['TRADE_SERVICE_URL', 'TRADE_SIMULATOR'],
      ['WORKER_ENRICHER_URL', 'WORKER_ENRICHER']]) {
      env[v] = `http://127.0.0.1:${this.ports[s]}`;
    }
    const child = spawn(javaBinary(), ['-Xmx768m', '--enable-native-access=ALL-UNNAMED', '-jar', this.jar, 'run'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    const keep = (chunk) => {
      this.log.push(chunk.toString());
      if (this.log.length > 400) this.log.splice(0, 200);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const deadline = Date.now() + 120_000;
    for (const s of ['API_GATEWAY', 'SOCKET_GATEWAY', 'STORAGE', 'ANALYTICS', 'WORKER_ENRICHER', 'FEED_GENERATOR']) {
      for (;;) {
        if (child.exitCode !== null) throw new Error(`platform exited (${child.exitCode}):\n${this.tail()}`);
        if (Date.now() > deadline) throw new Error(`platform not healthy in 120 s (${s}):\n${this.tail()}`);
        try {
          const r = await fetch(`http://127.0.0.1:${this.ports[s]}/health`);
          if (r.ok) break;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  /** Stops the JVM (SIGTERM, then SIGKILL after 15 s). */
  async stop() {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    this.process = null;
  }

  async restart() {
    await this.stop();
    await this.start();
  }

  async close() {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  tail(lines = 30) {
    return this.log.join('').split('\n').slice(-lines).join('\n');
  }
}
