/**
 * Reading a kustomization file: which of the recognised names exists, its fields, and YAML written
 * inline in it (a `patch: |` block) parsed with offsets that point back into the kustomization file.
 */
import type { FileReader, RenderProblem } from '../rendered.js';
import { getEntry, isMap, str, type KMap, type KNode, type KScalar, type Org } from './model.js';
import { join, KUSTOMIZATION_FILES } from './paths.js';
import { parseYaml, type OffsetMap, type ParsedYaml } from './yaml-load.js';

export interface Kustomization {
  dir: string;
  file: string;
  text: string;
  root: KMap;
  isComponent: boolean;
}

const KNOWN_FIELDS = new Set([
  'apiVersion', 'kind', 'metadata', 'resources', 'bases', 'components', 'patches', 'patchesStrategicMerge', 'patchesJson6902',
  'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels', 'commonAnnotations', 'replicas', 'images', 'imageTags',
  'configMapGenerator', 'secretGenerator', 'generatorOptions', 'generators', 'transformers', 'validators', 'helmCharts',
  'helmGlobals', 'helmChartInflationGenerator', 'replacements', 'vars', 'crds', 'configurations', 'openapi', 'sortOptions',
  'buildMetadata',
]);

/** The kustomization file of a folder, if it has exactly one. */
export function findKustomizationFile(reader: FileReader, dir: string): string | undefined {
  const names = reader.list(dir);
  if (names) {
    const hit = KUSTOMIZATION_FILES.filter((n) => names.includes(n));
    return hit.length ? join(dir, hit[0]!) : undefined;
  }
  for (const n of KUSTOMIZATION_FILES) if (reader.read(join(dir, n)) !== undefined) return join(dir, n);
  return undefined;
}

export function loadKustomization(
  reader: FileReader, dir: string, problems: RenderProblem[], files: Map<string, string>,
): Kustomization | { missing: true } | { broken: true } {
  const file = findKustomizationFile(reader, dir);
  const text = file === undefined ? undefined : reader.read(file);
  if (file === undefined || text === undefined) return { missing: true };
  files.set(file, text);
  const names = reader.list(dir) ?? [];
  const count = KUSTOMIZATION_FILES.filter((n) => names.includes(n)).length;
  if (count > 1) {
    problems.push({ severity: 'error', message: `Found multiple kustomization files under: ${dir || '.'}`, file, start: 0, end: 0 });
    return { broken: true };
  }
  const parsed = parseYaml(text, file, undefined, true);
  if (parsed.error) {
    problems.push({ severity: 'error', message: parsed.error.message, file, start: parsed.error.start, end: parsed.error.end });
    return { broken: true };
  }
  const root = parsed.docs[0];
  if (!isMap(root)) {
    problems.push({ severity: 'error', message: 'kustomization.yaml is empty or not a map', file, start: 0, end: 0 });
    return { broken: true };
  }
  const kind = str(getEntry(root, 'kind')?.value) ?? 'Kustomization';
  if (kind !== 'Kustomization' && kind !== 'Component') {
    const e = getEntry(root, 'kind')!;
    problems.push({ severity: 'error', message: 'kind should be Kustomization or Component', file, start: e.value.org.start, end: e.value.org.end });
  }
  for (const e of root.entries) {
    if (!KNOWN_FIELDS.has(e.key)) {
      problems.push({ severity: 'error', message: `invalid Kustomization: unknown field "${e.key}"`, file, start: e.keyOrg.start, end: e.keyOrg.end });
    }
  }
  return { dir, file, text, root, isComponent: kind === 'Component' };
}

/** Items of a list field (a lone scalar counts as a list of one). */
export function listField(k: Kustomization, key: string): KNode[] {
  const v = getEntry(k.root, key)?.value;
  if (v === undefined) return [];
  if (v.kind === 'seq') return v.items;
  if (v.kind === 'scalar' && v.value === null) return [];
  return [v];
}

export function org(n: KNode, by?: string): Org {
  return by === undefined ? n.org : { ...n.org, by };
}

/**
 * Parses YAML written as a string value inside `file` (an inline patch), mapping offsets back into the
 * file: exact for literal and folded block scalars and for one-line quoted or plain scalars.
 */
export function parseInline(fileText: string, node: KScalar, file: string, yaml11 = false): ParsedYaml {
  const value = typeof node.value === 'string' ? node.value : str(node) ?? '';
  return parseYaml(value, file, inlineMap(fileText, node, value), yaml11);
}

/** The Go type kustomize decodes a kustomization value into: a message when the value does not fit. */
export function typeError(n: KNode, field: string, want: 'string' | 'int64'): string | undefined {
  if (n.kind !== 'scalar' || n.value === null) return n.kind === 'scalar' ? undefined : `invalid Kustomization: json: cannot unmarshal ${n.kind === 'map' ? 'object' : 'array'} into Go struct field ${field} of type ${want}`;
  const got = typeof n.value === 'string' ? 'string' : typeof n.value === 'boolean' ? 'bool' : 'number';
  if (want === 'string' && got === 'string') return undefined;
  if (want === 'int64' && got === 'number' && Number.isInteger(n.value)) return undefined;
  return `invalid Kustomization: json: cannot unmarshal ${got} into Go struct field ${field} of type ${want}`;
}

function inlineMap(fileText: string, node: KScalar, value: string): OffsetMap {
  const { start, end } = node.org;
  const src = fileText.slice(start, end);
  const fallback: OffsetMap = () => start;
  if (src.startsWith('|') || src.startsWith('>')) {
    const nl = src.indexOf('\n');
    if (nl < 0) return fallback;
    const header = src.slice(0, nl);
    const explicit = /[1-9]/.exec(header);
    const lines: Array<{ file: number; text: string }> = [];
    let pos = start + nl + 1;
    for (const l of fileText.slice(pos, end).split('\n')) {
      lines.push({ file: pos, text: l.endsWith('\r') ? l.slice(0, -1) : l });
      pos += l.length + 1;
    }
    let indent = explicit ? Number(explicit[0]) : -1;
    if (indent < 0) {
      const first = lines.find((l) => l.text.trim() !== '');
      indent = first ? first.text.length - first.text.trimStart().length : 0;
    }
    if (explicit) {
      const lineStart = fileText.lastIndexOf('\n', start) + 1;
      const parentIndent = /^ */.exec(fileText.slice(lineStart, start))![0].length;
      indent += parentIndent;
    }
    const valueStarts: number[] = [];
    const fileStarts: number[] = [];
    let v = 0;
    for (const l of lines) {
      valueStarts.push(v);
      fileStarts.push(l.file + Math.min(indent, l.text.length));
      v += Math.max(0, l.text.length - indent) + 1;
    }
    return (o) => {
      let lo = 0;
      let hi = valueStarts.length - 1;
      if (hi < 0) return start;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (valueStarts[mid]! <= o) lo = mid;
        else hi = mid - 1;
      }
      return Math.min(end, fileStarts[lo]! + (o - valueStarts[lo]!));
    };
  }
  if (!src.includes('\n')) {
    const quoted = src.startsWith('"') || src.startsWith("'");
    const inner = quoted ? src.slice(1, -1) : src;
    if (inner === value) return (o) => start + (quoted ? 1 : 0) + o;
  }
  return fallback;
}
