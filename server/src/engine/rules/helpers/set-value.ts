/** Edits that write a new value where a model value's fix target says: replace the literal (in its quoting) or insert the key. */
import type { FixTarget } from '../../model/scaling';
import { replaceNode, setPath } from '../../fix';
import type { TextEdit } from '../../types';

export function setValue(text: string, fix: FixTarget | undefined, value: number | string | boolean): TextEdit[] {
  if (!fix) return [];
  const written = fix.kind !== 'insert' && fix.quote && typeof value !== 'boolean' ? `${fix.quote}${value}${fix.quote}` : String(value);
  if (fix.kind === 'replace') return replaceNode(fix.node, written);
  if (fix.kind === 'text') return [{ start: fix.start, end: fix.end, newText: written }];
  return setPath(text, fix.map, [fix.key], value);
}
