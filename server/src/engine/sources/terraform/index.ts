/**
 * Terraform source: the `.tf` and `.tf.json` files of one folder → one evaluated module (SPEC §9).
 * The host hands in a ready HCL parser (server/src/node/hcl-parser.ts); the engine stays synchronous.
 *
 *   const parser = await loadHclParser();                      // once per process / worker (Node side)
 *   const module = parseTerraformModule(filesOfOneFolder, parser);
 *   const asg = module.resources.get('aws_autoscaling_group.web');
 *   const min = attributeAt(asg.body, 'min_size');           // TfAttribute: nameRange, range, value
 *   numberOf(min?.value);                                     // 2, also through var.x / local.x
 *   min?.value.range;                                         // the expression where it is used: report here
 *   min?.value.fix;                                           // the literal to rewrite (maybe a variable's default)
 *   loadBalancersOfGroup(module, asg.address);                // links: target groups, policies, alarms
 *   module.problems;                                          // syntax errors: one per broken block
 */
import { readHclFile } from './hcl';
import { readJsonFile } from './json';
import { buildModule } from './module';
import type { TerraformModule, TfAttribute, TfBlock, TfBody, TfReference, TfValue } from './model';
import type { RawFile } from './raw';
import type { HclSyntaxParser } from './syntax';

export type * from './model';
export type { HclSyntaxNode, HclSyntaxParser } from './syntax';
export { RESOURCE_FACTS, factsOf, type AttributeFact, type ResourceFacts } from './providers';
export { parseIsoDuration } from './duration';
export { alarmsOfPolicy, groupOf, linksFrom, linksTo, loadBalancersOfGroup, policiesOfAlarm, resourcesNamingGroup, type GroupLoadBalancer } from './links';

export interface TerraformFile {
  /** Path with `/` separators; `.tf.json` files are read as JSON, every other file as HCL. */
  path: string;
  text: string;
}

export function isTerraformPath(path: string): boolean {
  return path.endsWith('.tf') || path.endsWith('.tf.json');
}

/** Parses and evaluates one module (one folder). Never throws on user input; problems carry ranges. */
export function parseTerraformModule(files: readonly TerraformFile[], parser: HclSyntaxParser): TerraformModule {
  try {
    const raws: RawFile[] = files.map((f) => (f.path.endsWith('.tf.json') ? readJsonFile(f.path, f.text) : readHclFile(f.path, f.text, parser)));
    return buildModule(raws);
  } catch (e) {
    // A bug of ours (or a malformed tree from the host) must not take the server down: say so on the module.
    const file = files[0]?.path ?? '';
    const problem = { file, start: 0, end: Math.min(1, files[0]?.text.length ?? 0), severity: 'error' as const, message: `ScaleLint could not read this Terraform module: ${String(e)}` };
    return { files: files.map((f) => f.path), resources: new Map(), modules: new Map(), variables: new Map(), locals: new Map(), links: [], problems: [problem] };
  }
}

export function attributeOf(body: TfBody, name: string): TfAttribute | undefined {
  return body.attributes.get(name);
}

export function blocksOf(body: TfBody, type: string): TfBlock[] {
  return body.blocks.filter((b) => b.type === type);
}

/**
 * The attribute at a dotted path of block types, first block of each type: `profile.capacity.minimum`.
 * Where there is no such block, an object-valued attribute of that name is followed instead (a `.tf.json`
 * resource of a type the provider table does not list reads its nested blocks as objects).
 */
export function attributeAt(body: TfBody, path: string): TfAttribute | undefined {
  const parts = path.split('.');
  let current: TfBody | undefined = body;
  let object: Extract<TfValue, { kind: 'object' }> | undefined;
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    if (current) {
      if (last) return current.attributes.get(part);
      const block: TfBlock | undefined = current.blocks.find((b) => b.type === part);
      const value = current.attributes.get(part)?.value;
      current = block?.body;
      object = !block && value?.kind === 'object' ? value : undefined;
      if (!block && !object) return undefined;
    } else if (object) {
      const entry = object.entries.find((e) => e.key === part);
      if (!entry) return undefined;
      if (last) return { name: part, nameRange: entry.keyRange, range: { ...entry.keyRange, end: entry.value.range.end }, value: entry.value };
      object = entry.value.kind === 'object' ? entry.value : undefined;
      if (!object) return undefined;
    }
  }
  return undefined;
}

export function numberOf(value: TfValue | undefined): number | undefined {
  if (value?.kind === 'number') return value.value;
  // Terraform converts "2" to 2 where a number is expected.
  if (value?.kind === 'string' && value.value.trim() !== '' && Number.isFinite(Number(value.value))) return Number(value.value);
  return undefined;
}

export function stringOf(value: TfValue | undefined): string | undefined {
  if (value?.kind === 'string') return value.value;
  if (value?.kind === 'number' || value?.kind === 'bool') return String(value.value);
  return undefined;
}

export function boolOf(value: TfValue | undefined): boolean | undefined {
  if (value?.kind === 'bool') return value.value;
  if (value?.kind === 'string' && (value.value === 'true' || value.value === 'false')) return value.value === 'true';
  return undefined;
}

/** Every reference in a value (a single one, or the items of a list/object). */
export function referencesIn(value: TfValue | undefined): TfReference[] {
  const out: TfReference[] = [];
  const visit = (v: TfValue, depth: number): void => {
    if (depth > 50) return;
    if (v.kind === 'reference') out.push(v);
    else if (v.kind === 'list') v.items.forEach((i) => visit(i, depth + 1));
    else if (v.kind === 'object') v.entries.forEach((e) => visit(e.value, depth + 1));
  };
  if (value) visit(value, 0);
  return out;
}

/** True when the value, or any part of it, could not be evaluated. */
export function isUnknown(value: TfValue | undefined): boolean {
  return value === undefined || value.kind === 'unknown';
}
