/**
 * "ScaleLint: Show rendered manifest": the render of the chart or the build of the kustomization a file
 * belongs to, as the linter saw it (open editors' texts included), each document under a `# Source:`
 * comment naming the file that wrote it; a gated template's render says which gate was forced true.
 */
import { RequestType } from 'vscode-languageserver/node';
import { diskPath } from '../node/sources';
import { RENDERED_MANIFEST_REQUEST, type RenderedManifestParams, type RenderedManifestResult } from '../protocol';
import type { Linting } from './linting';
import type { UnitRender } from './renders';
import type { Session } from './session';
import { keyOf } from './workspace';

const request = new RequestType<RenderedManifestParams, RenderedManifestResult | null, void>(RENDERED_MANIFEST_REQUEST);

/** The text shown for one chart or kustomization; paths relative to `base` (the workspace folder). */
export function renderedManifestText({ unit, rendered }: UnitRender, base: string | undefined): RenderedManifestResult {
  // Engine paths relative to the workspace folder; Helm's template names ("mychart/templates/hpa.yaml") as they are.
  const show = (engine: string) => {
    const path = diskPath(engine);
    return base && path.startsWith(`${base}/`) ? path.slice(base.length + 1) : base === path ? '' : path;
  };
  const showName = (name: string) => (name === unit.root || name.startsWith(`${unit.root}/`) ? show(name) : name);
  const title = `${unit.kind} ${show(unit.root) || '.'}`;
  const parts: string[] = [`# Rendered by ScaleLint: ${title} (read-only; edit the files named in the # Source: lines).`];
  const add = (name: string, text: string, gate?: string) => {
    const body = text.replace(/^(---[ \t]*\r?\n)+/, '').replace(/\s*$/, '\n');
    parts.push(`---\n# Source: ${showName(name)}${gate ? `\n# Gated: rendered with ${gate}=true (false in the values)` : ''}\n${body}`);
  };
  for (const doc of rendered.renders.values()) add(doc.name, doc.text);
  for (const g of rendered.gated) {
    // A gated set renders the whole chart again: only its gated templates are new.
    const plain = new Set([...rendered.renders.values()].map((d) => d.name));
    for (const doc of g.renders.values()) if (!plain.has(doc.name)) add(doc.name, doc.text, doc.gate);
  }
  for (const p of rendered.plan.problems) parts.push(`# ${p.severity === 'error' ? 'Error' : 'Note'} (${show(p.file)}): ${p.message.replace(/\r?\n/g, ' ')}`);
  return { title, text: `${parts.join('\n')}\n` };
}

export function registerRenderedManifest(session: Session, linting: Linting): void {
  session.connection.onRequest(
    request,
    session.guard('rendered manifest', null as RenderedManifestResult | null, async (params: RenderedManifestParams) => {
      await session.ready;
      const key = keyOf(params.uri);
      const set = session.workspace.setFor(key);
      const open = session.documents.get(params.uri);
      if (open?.lintable) linting.sync(open);
      linting.refreshRenders(set, false);
      const units = set.renders.unitsOf(key);
      if (units.length === 0) return null;
      const results = units.map((u) => renderedManifestText(u, set.folder?.path));
      if (results.length === 1) return results[0]!;
      return { title: results.map((r) => r.title).join(', '), text: results.map((r) => r.text).join('\n') };
    }),
  );
}
