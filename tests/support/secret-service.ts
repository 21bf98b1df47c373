/**
 * A real OS key store for tests: a private D-Bus session bus with gnome-keyring's Secret Service
 * on it, its keyrings in a temp folder — the store the desktop app, browser mode and the CLI use
 * on a Linux PC (core/audit/os-key-store.ts), started here so no test touches the user's own
 * keyring. Needs Debian's `dbus` and `gnome-keyring` (.ci/run installs them).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SecretService {
  /** DBUS_SESSION_BUS_ADDRESS of the private bus. */
  address: string;
  stop(): void;
}

const REQUIRED = ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon'];

function requireBinaries(): void {
  const missing = REQUIRED.filter((name) => spawnSync('sh', ['-c', `command -v ${name}`]).status !== 0);
  if (missing.length > 0) {
    throw new Error(`The OS key store tests need ${missing.join(' and ')}: apt-get install -y dbus gnome-keyring (.ci/run does this)`);
  }
}

function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((done, fail) => {
    let text = '';
    const timer = setTimeout(() => fail(new Error(`${what} did not start within 10 s`)), 10_000);
    child.stdout?.on('data', (chunk) => {
      text += chunk;
      const newline = text.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        done(text.slice(0, newline).trim());
      }
    });
    child.once('exit', (code) => fail(new Error(`${what} exited (${code}) before it was ready`)));
  });
}

/** Waits until the Secret Service answers on the bus (gnome-keyring registers it shortly after starting). */
async function waitForSecretService(address: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const probe = spawnSync(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'],
      { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address }, encoding: 'utf8' },
    );
    if (probe.stdout?.includes('boolean true')) return;
    // Asynchronously: the keyring's password is still being written to its stdin.
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('gnome-keyring did not register the Secret Service on the test bus within 5 s');
}

export async function startSecretService(): Promise<SecretService> {
  requireBinaries();
  const folder = mkdtempSync(join(tmpdir(), 'billing-office-secret-service-'));
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const address = await firstLine(bus, 'dbus-daemon');
  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address, XDG_DATA_HOME: join(folder, 'data'), XDG_RUNTIME_DIR: folder, HOME: folder },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // The password of the test keyring, on stdin: --unlock creates and unlocks it with it.
  keyring.stdin?.end('test-keyring-password');
  await waitForSecretService(address);
  return {
    address,
    stop() {
      keyring.kill('SIGTERM');
      bus.kill('SIGTERM');
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
