/**
 * ScaleLint's Helm renderer: Go text/template with Helm's and Sprig's functions, chart loading and values
 * merging, rendered text with a source map back to template and values files. Pure; never throws.
 */
import type { FileReader } from '../rendered';
import { joinPath } from './chart';

export { renderChart, type RenderOptions } from './render';
export { parseSet, typedVal } from './strvals';
export { parseTemplate } from './parser';

/** True when `folder` holds a Chart.yaml. */
export function isChartRoot(reader: FileReader, folder: string): boolean {
  try {
    return reader.read(joinPath(folder, 'Chart.yaml')) !== undefined;
  } catch {
    return false;
  }
}

function parentOf(path: string): string | undefined {
  const i = path.lastIndexOf('/');
  if (path === '' || path === '.') return undefined;
  return i < 0 ? '' : path.slice(0, i);
}

/** The nearest folder above `filePath` (or the folder itself) that is a chart root, or undefined. */
export function findChartRoot(reader: FileReader, filePath: string): string | undefined {
  let cur = parentOf(filePath.replace(/\/+$/, ''));
  if (isChartRoot(reader, filePath.replace(/\/+$/, ''))) return filePath.replace(/\/+$/, '');
  for (let i = 0; cur !== undefined && i < 64; i++) {
    if (isChartRoot(reader, cur)) return cur;
    cur = parentOf(cur);
  }
  return undefined;
}

/**
 * The outermost chart that renders `filePath`: the nearest chart root, then up through `charts/<name>/`
 * while the folder above `charts/` is a chart (a subchart renders as part of its parent).
 */
export function findTopChartRoot(reader: FileReader, filePath: string): string | undefined {
  let root = findChartRoot(reader, filePath);
  for (let i = 0; root !== undefined && i < 16; i++) {
    const charts = parentOf(root);
    if (charts === undefined || !(charts === 'charts' || charts.endsWith('/charts'))) break;
    const parent = parentOf(charts) ?? '';
    if (!isChartRoot(reader, parent)) break;
    root = parent;
  }
  return root;
}
