/*
 * A settings folder livetail may not write to. Tests run as root in CI, and root ignores file
 * permissions: in-process tests stand for the folder with a lock that fails as creating a file
 * in a read-only folder does; end-to-end tests run livetail as an unprivileged user when root.
 */

/** Fails the way creating the lock file in a read-only folder does. */
export function readOnlyLock<R>(lockPath: string): R {
  throw Object.assign(new Error(`EACCES: permission denied, open '${lockPath}'`), { code: 'EACCES' });
}

/** Spawn options under which a 0555 folder is really read-only: `nobody` when we are root. */
export function unprivileged(): { uid?: number; gid?: number } {
  return process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
}
