/** Test helpers for the Helm renderer: an in-memory FileReader and one-template renders. */
import type { FileReader, RenderResult } from '../../../../../server/src/engine/sources/rendered';
import { renderChart, type RenderOptions } from '../../../../../server/src/engine/sources/helm/index';

export function memReader(files: Record<string, string>): FileReader {
  return {
    read: (p) => (Object.prototype.hasOwnProperty.call(files, p) ? files[p] : undefined),
    list: (folder) => {
      const prefix = folder === '' || folder === '.' ? '' : folder.replace(/\/$/, '') + '/';
      const names = new Set<string>();
      let any = false;
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        any = true;
        const rest = f.slice(prefix.length);
        const i = rest.indexOf('/');
        names.add(i < 0 ? rest : rest.slice(0, i + 1));
      }
      return any ? [...names] : undefined;
    },
  };
}

export const CHART_YAML = 'apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: "1.16.0"\n';

/** Renders one template `t.yaml` in a chart named demo with the given values.yaml. */
export function renderOne(template: string, values = '', options: RenderOptions = {}, extra: Record<string, string> = {}): RenderResult {
  return renderChart(memReader({ 'demo/Chart.yaml': CHART_YAML, 'demo/values.yaml': values, 'demo/templates/t.yaml': template, ...extra }), 'demo', options);
}

/** The text one template renders to ('' when nothing), failing loudly on problems. */
export function out(template: string, values = '', options: RenderOptions = {}, extra: Record<string, string> = {}): string {
  const r = renderOne(template, values, options, extra);
  if (r.problems.length > 0) throw new Error(r.problems.map((p) => `${p.severity}: ${p.message}`).join('\n'));
  const d = r.documents.find((x) => x.name === 'demo/templates/t.yaml' && !x.gate);
  return d ? d.text.replace(/\n$/, '') : '';
}

/** Raw render (no trimming): a template wrapped in markers so whitespace is kept. */
export function raw(template: string, values = '', options: RenderOptions = {}): string {
  const s = out('[' + template + ']', values, options);
  return s.slice(1, -1);
}
