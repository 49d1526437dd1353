/**
 * A smaller inlining budget for V8's optimizing compiler (issue 15). Opening a large document makes
 * hundreds of functions hot at once, in this thread and in the lint thread (each compiles its own code),
 * and V8 compiles them on helper threads that share the machine's cores with both. With V8's default
 * budget those compiles were the largest single use of CPU during the open: 2.6 s of compile time for the
 * heavy 5,000-document file on one thread (--trace-opt), about 45 % of the server's CPU for the open
 * counted per thread on 2 cores. With this budget they take half that; the findings are the same (the
 * compiler's choices never change what code computes) and keystrokes measured no slower. The CLI sets the
 * same budget (linting 20 MB of generated manifests on one thread: user CPU 11.1-12.6 -> 10.3-11.5 s, three
 * interleaved runs each).
 */
import { setFlagsFromString } from 'node:v8';

/** The flags set at startup; SCALELINT_V8_FLAGS replaces them (an empty value keeps V8's defaults, to compare). */
export const COMPILER_FLAGS = '--max-inlined-bytecode-size-cumulative=150';

/** Applies the flags (before the first document is linted: V8 reads them at each compile). Returns those applied. */
export function tuneCompiler(flags = process.env.SCALELINT_V8_FLAGS ?? COMPILER_FLAGS): string[] {
  const applied = flags.split(/\s+/).filter((f) => f.length > 0);
  for (const flag of applied) setFlagsFromString(flag);
  return applied;
}
