/**
 * Prints built resources as `kubectl kustomize` does (block style, 2-space indent, lists at their key's
 * column, keys in go-yaml v2 order, `---` between resources) and records, for every key and scalar, the
 * segment of the output and the file range that wrote it.
 */
import type { Segment } from '../rendered.js';
import type { KMap, KNode, KSeq, Org } from './model.js';
import { compareKeys, formatNumber, formatString } from './scalar-style.js';

export interface PrintInput {
  node: KMap;
  /** The kustomization folder whose resources list included the resource's file. */
  home: string;
}

class Printer {
  text = '';
  segments: Segment[] = [];
  home = '';
  constructor(private readonly files: ReadonlyMap<string, string>) {}

  private seg(start: number, written: string, org: Org, kind: Segment['kind']): void {
    const end = start + written.length;
    if (!org.file || end <= start) return;
    const src = this.files.get(org.file);
    const verbatim = src !== undefined && org.end - org.start === written.length && src.startsWith(written, org.start);
    const s: Segment = { start, end, kind, file: org.file, fileStart: org.start, fileEnd: org.end, verbatim };
    if (org.by !== undefined && org.by !== this.home) s.note = `set by ${org.by || '.'}`;
    this.segments.push(s);
  }

  private put(s: string, org?: Org, kind: Segment['kind'] = 'template'): void {
    const start = this.text.length;
    this.text += s;
    if (org) this.seg(start, s, org, kind);
  }

  private scalarText(n: KNode, blockIndent: number): string {
    if (n.kind === 'map') return '{}';
    if (n.kind === 'seq') return '[]';
    const v = n.value;
    if (v === null) return 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return formatNumber(v, n.intText);
    return formatString(v, false, blockIndent);
  }

  /** A value printed on the current line (scalar, `{}` or `[]`), then the newline. */
  private inline(n: KNode, blockIndent: number): void {
    this.put(this.scalarText(n, blockIndent), n.org, n.kind === 'scalar' ? 'value' : 'template');
    this.text += '\n';
  }

  map(m: KMap, indent: number, continuing: boolean): void {
    const entries = [...m.entries].sort((a, b) => compareKeys(a.key, b.key));
    entries.forEach((e, i) => {
      if (i > 0 || !continuing) this.text += ' '.repeat(indent);
      this.put(formatString(e.key, true, 0), e.keyOrg);
      this.text += ':';
      const v = e.value;
      if (v.kind === 'map' && v.entries.length > 0) {
        this.text += '\n';
        this.map(v, indent + 2, false);
      } else if (v.kind === 'seq' && v.items.length > 0) {
        this.text += '\n';
        this.seq(v, indent, false);
      } else {
        this.text += ' ';
        this.inline(v, indent + 2);
      }
    });
  }

  seq(s: KSeq, indent: number, continuing: boolean): void {
    s.items.forEach((item, i) => {
      if (i > 0 || !continuing) this.text += ' '.repeat(indent);
      this.put('-', item.org);
      this.text += ' ';
      if (item.kind === 'map' && item.entries.length > 0) this.map(item, indent + 2, true);
      else if (item.kind === 'seq' && item.items.length > 0) this.seq(item, indent + 2, true);
      else this.inline(item, indent + 2);
    });
  }
}

/** The multi-document stream and its segments (sorted, non-overlapping). */
export function printResources(resources: PrintInput[], files: ReadonlyMap<string, string>): { text: string; segments: Segment[] } {
  const p = new Printer(files);
  resources.forEach((r, i) => {
    if (i > 0) p.text += '---\n';
    p.home = r.home;
    p.map(r.node, 0, false);
  });
  return { text: p.text, segments: p.segments };
}
