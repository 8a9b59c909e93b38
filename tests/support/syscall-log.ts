/** One system call from an `strace -f` log; `at` values are line numbers, so they order entry and exit across threads. */
export interface Syscall {
  tid: number;
  name: string;
  args: string;
  /** What it returned, e.g. `0`, `0 (DELAYED)`, `-1 EIO (Input/output error) (INJECTED)`; null if the log ends first. */
  result: string | null;
  enteredAt: number;
  exitedAt: number | null;
}

const COMPLETE = /^(\d+)\s+(\w+)\((.*)\)\s+= (.*)$/;
const UNFINISHED = /^(\d+)\s+(\w+)\((.*) <unfinished \.\.\.>$/;
const RESUMED = /^(\d+)\s+<\.\.\. (\w+) resumed>(.*)\)\s+= (.*)$/;

/** Reads `strace -f -o` output (one `tid  call(...) = result` per line, or unfinished/resumed halves). */
export function parseSyscalls(log: string): Syscall[] {
  const calls: Syscall[] = [];
  const open = new Map<number, Syscall>();
  log.split('\n').forEach((line, at) => {
    let match = UNFINISHED.exec(line);
    if (match) {
      const call: Syscall = { tid: Number(match[1]), name: match[2], args: match[3], result: null, enteredAt: at, exitedAt: null };
      open.set(call.tid, call);
      calls.push(call);
      return;
    }
    match = RESUMED.exec(line);
    if (match) {
      const call = open.get(Number(match[1]));
      if (!call) return;
      open.delete(call.tid);
      call.args += match[3];
      call.result = match[4];
      call.exitedAt = at;
      return;
    }
    match = COMPLETE.exec(line);
    if (match) calls.push({ tid: Number(match[1]), name: match[2], args: match[3], result: match[4], enteredAt: at, exitedAt: at });
  });
  return calls;
}

const firstArgFd = (call: Syscall) => Number(call.args.split(',')[0]);

/** Marks each call on a file descriptor with the file it was opened as (from openat and close in the same log; threads share fds). */
export function withFiles(calls: Syscall[]): Array<Syscall & { file: string | null }> {
  const files = new Map<number, string>();
  return calls.map((call) => {
    if (call.name === 'openat') {
      const path = /"([^"]*)"/.exec(call.args)?.[1] ?? null;
      const fd = Number.parseInt(call.result ?? '', 10);
      if (path && fd >= 0) files.set(fd, path);
      return { ...call, file: path };
    }
    const file = files.get(firstArgFd(call)) ?? null;
    if (call.name === 'close') files.delete(firstArgFd(call));
    return { ...call, file };
  });
}

export interface Acknowledgement {
  id: string;
  /** The write of the 2xx to the sender's socket. */
  answer: Syscall;
  /** The last WAL write of the commit that holds the delivery. */
  commitEnd: Syscall;
  /** A successful fdatasync of the WAL that began after the commit and returned before the answer. */
  coveringFlush: Syscall | null;
}

const ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** The bytes of a string argument as strace prints it (C escapes, octal for the rest). */
export function straceBytes(printed: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < printed.length; i++) {
    if (printed[i] !== '\\') {
      bytes.push(printed.charCodeAt(i));
      continue;
    }
    const octal = /^[0-7]{1,3}/.exec(printed.slice(i + 1))?.[0];
    if (octal) {
      bytes.push(Number.parseInt(octal, 8));
      i += octal.length;
    } else {
      bytes.push(ESCAPES[printed[i + 1]]);
      i += 1;
    }
  }
  return Buffer.from(bytes);
}

/** A WAL frame header whose "database size" field is set: the frame that commits a transaction. */
function isCommitFrameHeader(call: Syscall): boolean {
  const printed = /^\d+, "(.*)", 24, \d+$/.exec(call.args)?.[1];
  return printed !== undefined && straceBytes(printed).readUInt32BE(4) !== 0;
}

const ACK = /HTTP\/1\.1 2\d\d .*\{\\"ok\\":true,\\"id\\":\\"(dlv_[0-9a-z]+)\\"/;

/**
 * Every 2xx the receiver wrote, with the commit that holds its delivery (found by a marker in its
 * body) and the flush that covers it. Files are (process-wide) paths; `tid` is the engine's main thread.
 */
export function acknowledgements(log: string, mainTid: number, walPath: string, markers: Map<string, string>): Acknowledgement[] {
  const calls = withFiles(parseSyscalls(log));
  const onWal = (call: Syscall & { file: string | null }) => call.file === walPath;
  const flushes = calls.filter((call) => call.name === 'fdatasync' && onWal(call));
  const main = calls.filter((call) => call.tid === mainTid);
  const acks: Acknowledgement[] = [];
  for (const call of main) {
    if (call.name !== 'write' && call.name !== 'writev') continue;
    const id = ACK.exec(call.args)?.[1];
    if (!id) continue;
    const marker = markers.get(id);
    if (!marker) throw new Error(`the log acknowledges ${id}, which the test never got an answer for`);
    let at = main.findIndex((c) => c.name === 'pwrite64' && onWal(c) && c.args.includes(marker));
    if (at === -1) throw new Error(`no WAL write holds the body of ${id} (${marker})`);
    // Frames go header, page, header, page…; the page after the commit frame's header ends the transaction.
    while (at < main.length && !(main[at].name === 'pwrite64' && onWal(main[at]) && isCommitFrameHeader(main[at]))) at += 1;
    const commitEnd = main[at + 1];
    if (!commitEnd) throw new Error(`the commit holding ${id} never ends in the log`);
    const coveringFlush =
      flushes.find(
        (flush) =>
          flush.enteredAt > commitEnd.exitedAt! &&
          flush.exitedAt !== null &&
          flush.exitedAt < call.enteredAt &&
          /^0\b/.test(flush.result ?? ''),
      ) ?? null;
    acks.push({ id, answer: call, commitEnd, coveringFlush });
  }
  return acks;
}

/** Every fdatasync of the WAL, in the order they began. */
export function walFlushes(log: string, walPath: string): Syscall[] {
  return withFiles(parseSyscalls(log)).filter((call) => call.name === 'fdatasync' && call.file === walPath);
}
