/**
 * What the server is doing for the editor, which background work (the workspace index) gives way to: edits,
 * lints, messages from the client, and whether the user is typing.
 */

/**
 * After an edit or open, indexing waits this long for the next one before it goes on: keystrokes come in
 * bursts, and each is linted the moment it arrives, not after a slice of indexing.
 */
export const QUIET_AFTER_EDIT_MS = 100;
/**
 * While the user types (an edit within `TYPING_MS`), indexing rests `TYPING_REST` times as long as each of its
 * steps took: it then holds the main thread a quarter of the time between keystrokes, and three keystrokes in
 * four find the thread idle. When the user stops typing, it goes on at full speed.
 */
export const TYPING_MS = 1500;
export const TYPING_REST = 3;
/**
 * After a message arrives from the client, indexing waits this long before its next slice: vscode-jsonrpc
 * hands a message on in a later turn of the event loop than the one that read it, and a slice started in
 * between delayed a keystroke read during one slice by one or two more (16 ms median in the 20,000-file bench).
 */
export const INPUT_GRACE_MS = 5;

/**
 * What the server is doing for the editor, as `IndexHost.busyFor` reports it: a lint due or under way, the
 * last edit or open and the last lint (each followed by `QUIET_AFTER_EDIT_MS`), and the last message read
 * from the client but perhaps not yet handled (`INPUT_GRACE_MS`).
 */
export class EditorActivity {
  private lastEdit = -Infinity;
  private lastInput = -Infinity;

  constructor(
    private readonly lints: { readonly busy: boolean; readonly lastFlushEnded: number },
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** An edit or open arrived. */
  edited(): void {
    this.lastEdit = this.now();
  }

  /** Bytes or a message arrived from the client. */
  input(): void {
    this.lastInput = this.now();
  }

  restAfter(workMs: number): number {
    return this.now() - this.lastEdit < TYPING_MS ? workMs * TYPING_REST : 0;
  }

  busyFor(): number {
    if (this.lints.busy) return QUIET_AFTER_EDIT_MS;
    return Math.max(this.lastEdit + QUIET_AFTER_EDIT_MS, this.lints.lastFlushEnded + QUIET_AFTER_EDIT_MS, this.lastInput + INPUT_GRACE_MS) - this.now();
  }
}

/** Calls `arrived` whenever something comes from the client on the transport this process was started with (stdio or Node IPC). */
export function watchClientInput(argv: readonly string[], arrived: () => void): void {
  if (argv.includes('--stdio')) process.stdin.on('data', () => arrived());
  else if (argv.includes('--node-ipc')) process.on('message', () => arrived());
}
