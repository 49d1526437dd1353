/**
 * The calculator panel on renders (SPEC §5 with §8 and §9): the autoscaler a chart, kustomization, Terraform
 * module or script renders from the file under the cursor, and "Apply to manifest" written back through the
 * render's source map into the files a person edits (engine/capacity/rendered.ts). Before an answer carries
 * edits, the unit is rendered again with them applied and the target must read the requested values: an edit
 * that would not give them (a template that derives one bound from another) is refused, never applied.
 */
import { RequestType } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkRenderedValues, findRenderedTarget, renderedCapacityEdits, renderedCapacityTargetAt, type RenderedCapacityTarget, type RenderedPin } from '../engine/capacity';
import { applyEdits, defaultConfig, Linter, type FileReader, type RenderedDocument } from '../engine';
import { addRenders, diskPath, diskReader, enginePath } from '../node/sources';
import {
  CAPACITY_EDITS_REQUEST,
  CAPACITY_TARGET_REQUEST,
  type CapacityEditsParams,
  type CapacityEditsResult,
  type CapacityPin,
  type CapacityTargetInfo,
  type CapacityTargetParams,
  type CapacityTargetResult,
  type Range,
} from '../protocol';
import type { Linting } from './linting';
import type { UnitRender } from './renders';
import type { Session } from './session';
import { keyOf, pathOf, uriOf } from './workspace';

const targetRequest = new RequestType<CapacityTargetParams, CapacityTargetResult, void>(CAPACITY_TARGET_REQUEST);
const editsRequest = new RequestType<CapacityEditsParams, CapacityEditsResult, void>(CAPACITY_EDITS_REQUEST);

const KINDS = new Set(['HorizontalPodAutoscaler', 'ScaledObject', 'AutoScalingGroup', 'ScalableTarget', 'GCPAutoscaler', 'AzureAutoscaleSetting']);

/** Every render of the units, gated ones too (helm create's HPA is only in its gated render). */
function docsOf(units: readonly UnitRender[]): RenderedDocument[] {
  return units.flatMap(({ rendered }) => [...rendered.renders.values(), ...rendered.gated.flatMap((g) => [...g.renders.values()])]);
}

function readerOf(unit: UnitRender): FileReader {
  return unit.rendered.options.reader ?? diskReader();
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The engine file's text (open editor first) as a document, for line/character positions. */
function textDocument(reader: FileReader, file: string): TextDocument | undefined {
  const text = reader.read(file);
  return text === undefined ? undefined : TextDocument.create(uriOf(diskPath(file)), '', 0, text);
}

function rangeIn(doc: TextDocument | undefined, start: number, end: number): Range {
  if (!doc) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

function isPin(v: unknown): v is CapacityPin {
  const p = v as Partial<CapacityPin> | null;
  return (
    typeof p === 'object' && p !== null && typeof p.uri === 'string' && typeof p.render === 'string' && typeof p.kind === 'string' && KINDS.has(p.kind) && typeof p.name === 'string' &&
    (p.gate === undefined || typeof p.gate === 'string') && (p.namespace === undefined || typeof p.namespace === 'string')
  );
}

function enginePin(pin: CapacityPin): RenderedPin {
  return { render: pin.render, ...(pin.gate !== undefined ? { gate: pin.gate } : {}), kind: pin.kind as RenderedPin['kind'], name: pin.name, ...(pin.namespace !== undefined ? { namespace: pin.namespace } : {}) };
}

export class CapacityRequests {
  constructor(
    private readonly session: Session,
    private readonly linting: Linting,
  ) {}

  /** The units reading a file, rendered with the editors' current texts. */
  private unitsFor(uri: string): UnitRender[] {
    const key = keyOf(uri);
    const set = this.session.workspace.setFor(key);
    if (!set.enabled) return [];
    const open = this.session.documents.get(uri);
    if (open?.lintable) this.linting.sync(open);
    this.linting.refreshRenders(set, false);
    return set.renders.unitsOf(key);
  }

  private info(found: RenderedCapacityTarget, units: readonly UnitRender[], uri: string): CapacityTargetInfo {
    const unit = units.find((u) => docsOf([u]).some((d) => d.name === found.pin.render)) ?? units[0]!;
    const reader = readerOf(unit);
    const home = textDocument(reader, found.home.file);
    const line = (home?.positionAt(found.home.start).line ?? 0) + 1;
    const how = unit.unit.kind === 'chart' ? 'rendered' : unit.unit.kind === 'kustomization' ? 'built by the kustomization' : undefined;
    const notes = [how, found.pin.gate ? `when ${found.pin.gate} is true` : undefined].filter(Boolean);
    const { target } = found;
    return {
      pin: { uri, ...found.pin },
      kind: target.kind,
      name: target.name,
      location: `${baseName(found.home.file)}, line ${line}${notes.length ? ` (${notes.join(', ')})` : ''}`,
      fields: target.fields,
      current: target.current,
      ...(target.manifest !== undefined ? { manifest: target.manifest } : {}),
      home: { uri: this.session.documents.uriOf(keyOf(uriOf(diskPath(found.home.file)))) ?? uriOf(diskPath(found.home.file)), range: rangeIn(home, found.home.start, found.home.end) },
    };
  }

  target(params: CapacityTargetParams): CapacityTargetResult {
    if (typeof params !== 'object' || params === null) return null;
    if ('pin' in params) {
      if (!isPin(params.pin)) return null;
      const units = this.unitsFor(params.pin.uri);
      if (units.length === 0) return null;
      const again = findRenderedTarget(docsOf(units), enginePin(params.pin));
      if (!again) return { target: null, reason: `${params.pin.name} is no longer in the render of ${baseName(pathOf(keyOf(params.pin.uri)) ?? params.pin.uri)}'s ${params.pin.render}.` };
      return { target: this.info(again.found, units, params.pin.uri) };
    }
    const { uri, position } = params;
    if (typeof uri !== 'string' || typeof position?.line !== 'number' || typeof position.character !== 'number') return null;
    const units = this.unitsFor(uri);
    const path = pathOf(keyOf(uri));
    if (units.length === 0 || !path) return null;
    const file = enginePath(path);
    const text = textDocument(readerOf(units[0]!), file);
    const offset = text ? text.offsetAt(position) : 0;
    const found = renderedCapacityTargetAt(docsOf(units), file, offset);
    if (!found) {
      const what = units.map((u) => `${u.unit.kind === 'terraform' ? 'Terraform module' : u.unit.kind} ${baseName(u.unit.root) || '.'}`).join(', ');
      return { target: null, reason: `The ${what} that ${baseName(path)} belongs to renders no HPA, ScaledObject, Auto Scaling group or other autoscaler from this file.` };
    }
    return { target: this.info(found, units, uri) };
  }

  edits(params: CapacityEditsParams): CapacityEditsResult {
    if (typeof params !== 'object' || params === null || !isPin(params.pin)) return { ok: false, message: 'The request names no target.' };
    const units = this.unitsFor(params.pin.uri);
    const pin = enginePin(params.pin);
    const unit = units.find((u) => findRenderedTarget(docsOf([u]), pin));
    const found = unit && findRenderedTarget(docsOf([unit]), pin);
    if (!unit || !found) return { ok: false, message: `${params.pin.name} is no longer in the render of ${params.pin.render}.` };
    const reader = readerOf(unit);
    const result = renderedCapacityEdits(found.doc, pin, params.values, (f) => reader.read(f));
    if ('error' in result) return { ok: false, message: result.error, ...(result.byHand ? { byHand: result.byHand } : {}) };
    if (result.files.length === 0) return { ok: true, message: `${params.pin.name} already has these values.`, changes: [] };
    // Rendered again with the edits applied: the target must read what was asked.
    const edited = new Map<string, string>();
    for (const { file, edits } of result.files) {
      const text = reader.read(file);
      if (text === undefined) return { ok: false, message: `${baseName(file)} cannot be read; nothing was written.` };
      edited.set(file, applyEdits(text, edits));
    }
    const check = this.renderAgain(unit, edited, pin, params.values);
    if (check) return { ok: false, message: `Nothing was written: with these edits ${check} (the source derives it another way; change it by hand).` };
    const changes = result.files.map(({ file, edits }) => {
      const doc = textDocument(reader, file);
      const key = keyOf(uriOf(diskPath(file)));
      const open = this.session.documents.uriOf(key);
      const version = open ? this.session.documents.get(open)?.version : undefined;
      return { uri: open ?? uriOf(diskPath(file)), ...(version !== undefined ? { version } : {}), edits: edits.map((e) => ({ range: rangeIn(doc, e.start, e.end), newText: e.newText })) };
    });
    // Files named as the workspace shows them: a kustomize base edited for an overlay is shared by its other overlays.
    const base = this.session.workspace.setFor(keyOf(params.pin.uri)).folder?.path;
    const shown = (file: string) => {
      const path = diskPath(file);
      return base && path.startsWith(`${base}/`) ? path.slice(base.length + 1) : baseName(file);
    };
    const where = result.files.map((f) => shown(f.file)).join(', ');
    return { ok: true, message: `${result.summary} In ${where}.`, changes };
  }

  private renderAgain(unit: UnitRender, edited: Map<string, string>, pin: RenderedPin, values: CapacityEditsParams['values']): string | undefined {
    const base = readerOf(unit);
    const reader: FileReader = { read: (p) => edited.get(p) ?? base.read(p), list: (f) => base.list(f) };
    const newLinter = () => new Linter(() => defaultConfig());
    const again = addRenders(newLinter(), unit.rendered.files, { ...unit.rendered.options, reader, newLinter });
    return checkRenderedValues(docsOf([{ unit: unit.unit, rendered: again }]), pin, values);
  }
}

export function registerCapacity(session: Session, linting: Linting): void {
  const requests = new CapacityRequests(session, linting);
  session.connection.onRequest(
    targetRequest,
    session.guard('capacity target', null as CapacityTargetResult, async (params: CapacityTargetParams) => {
      await session.ready;
      return requests.target(params);
    }),
  );
  session.connection.onRequest(
    editsRequest,
    session.guard('capacity edits', { ok: false, message: 'The edit could not be computed (see the ScaleLint output).' } as CapacityEditsResult, async (params: CapacityEditsParams) => {
      await session.ready;
      return requests.edits(params);
    }),
  );
}
