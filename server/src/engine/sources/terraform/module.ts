/** One folder's files (already read into RawFiles) → the evaluated TerraformModule. */
import { evaluate, NO_SCOPE, type EvalScope } from './evaluate';
import type { TerraformModule, TfAttribute, TfBlock, TfBody, TfLink, TfLocal, TfModuleCall, TfProblem, TfResource, TfValue, TfVariable } from './model';
import type { RawAttribute, RawBlock, RawBody, RawFile, Span } from './raw';

export function buildModule(files: RawFile[]): TerraformModule {
  const builder = new ModuleBuilder();
  for (const file of files) builder.declare(file);
  return builder.finish(files.map((f) => f.path));
}

const MAX_LOCAL_CHAIN = 100;

interface PendingLocal {
  file: string;
  raw: RawAttribute;
  value?: TfLocal;
  evaluating?: boolean;
}

interface PendingResource {
  file: string;
  block: RawBlock;
  mode: 'managed' | 'data';
}

class ModuleBuilder implements EvalScope {
  private readonly problems: TfProblem[] = [];
  private readonly variables = new Map<string, TfVariable>();
  private readonly pendingLocals = new Map<string, PendingLocal>();
  private readonly pendingResources = new Map<string, PendingResource>();
  private readonly pendingModules = new Map<string, { file: string; block: RawBlock }>();
  private localDepth = 0;

  declare(file: RawFile): void {
    for (const p of file.problems) this.problem(file.path, p, p.message, 'error');
    for (const block of file.body.blocks) {
      const [first, second] = block.labels;
      if (block.type === 'variable' && first) {
        this.declareVariable(file.path, block, first.value);
      } else if (block.type === 'locals') {
        for (const raw of block.body.attributes) {
          if (this.pendingLocals.has(raw.name)) this.problem(file.path, raw.nameSpan, `The local value \`${raw.name}\` is declared twice`, 'error');
          else this.pendingLocals.set(raw.name, { file: file.path, raw });
        }
      } else if ((block.type === 'resource' || block.type === 'data') && first && second) {
        const address = `${block.type === 'data' ? 'data.' : ''}${first.value}.${second.value}`;
        if (this.pendingResources.has(address)) this.problem(file.path, block.typeSpan, `\`${address}\` is declared twice`, 'error');
        else this.pendingResources.set(address, { file: file.path, block, mode: block.type === 'data' ? 'data' : 'managed' });
      } else if (block.type === 'module' && first) {
        if (this.pendingModules.has(first.value)) this.problem(file.path, block.typeSpan, `The module \`${first.value}\` is declared twice`, 'error');
        else this.pendingModules.set(first.value, { file: file.path, block });
      }
    }
  }

  private declareVariable(file: string, block: RawBlock, name: string): void {
    if (this.variables.has(name)) {
      this.problem(file, block.typeSpan, `The variable \`${name}\` is declared twice`, 'error');
      return;
    }
    const raw = block.body.attributes.find((a) => a.name === 'default');
    const label = block.labels[0]!;
    this.variables.set(name, {
      name,
      file,
      range: { file, start: block.start, end: block.end },
      nameRange: { file, start: label.start, end: label.end },
      ...(raw ? { default: this.attribute(file, raw, NO_SCOPE) } : {}),
    });
  }

  finish(files: string[]): TerraformModule {
    const locals = new Map<string, TfLocal>();
    for (const name of this.pendingLocals.keys()) {
      const local = this.local(name);
      if (local && local !== 'cycle' && local !== 'too-deep') locals.set(name, local);
    }
    const resources = new Map<string, TfResource>();
    for (const [address, pending] of this.pendingResources) resources.set(address, this.resource(address, pending));
    const modules = new Map<string, TfModuleCall>();
    for (const [name, { file, block }] of this.pendingModules) {
      const body = this.body(file, block.body, false);
      const source = body.attributes.get('source')?.value;
      const label = block.labels[0]!;
      modules.set(name, {
        name,
        ...(source?.kind === 'string' ? { source: source.value } : {}),
        file,
        range: { file, start: block.start, end: block.end },
        nameRange: { file, start: label.start, end: label.end },
        body,
      });
    }
    const links: TfLink[] = [];
    for (const resource of resources.values()) collectLinks(resource.address, resource.body, '', links);
    const order = new Map(files.map((f, i) => [f, i]));
    const problems = [...this.problems].sort((x, y) => (order.get(x.file) ?? 0) - (order.get(y.file) ?? 0) || x.start - y.start);
    return { files, resources, modules, variables: this.variables, locals, links, problems };
  }

  variable(name: string): TfVariable | undefined {
    return this.variables.get(name);
  }

  local(name: string): TfLocal | 'cycle' | 'too-deep' | undefined {
    const pending = this.pendingLocals.get(name);
    if (!pending) return undefined;
    if (pending.value) return pending.value;
    if (pending.evaluating) return 'cycle';
    // local.a = local.b = local.c …: each link nests a call, so a hostile chain could overflow the stack.
    if (this.localDepth >= MAX_LOCAL_CHAIN) return 'too-deep';
    pending.evaluating = true;
    this.localDepth++;
    pending.value = this.attribute(pending.file, pending.raw, this);
    this.localDepth--;
    pending.evaluating = false;
    return pending.value;
  }

  hasResource(address: string): boolean {
    return this.pendingResources.has(address);
  }

  private resource(address: string, pending: PendingResource): TfResource {
    const { file, block } = pending;
    const [type, name] = block.labels;
    const body = this.body(file, block.body, false);
    const repetition = body.attributes.has('count') ? 'count' : body.attributes.has('for_each') ? 'for_each' : undefined;
    return {
      mode: pending.mode,
      type: type!.value,
      name: name!.value,
      address,
      file,
      range: { file, start: block.start, end: block.end },
      typeRange: { file, start: type!.start, end: type!.end },
      nameRange: { file, start: name!.start, end: name!.end },
      body,
      ...(block.closingBrace ? { closingBrace: { file, ...span(block.closingBrace) } } : {}),
      ...(repetition ? { repetition } : {}),
    };
  }

  private body(file: string, raw: RawBody, dynamicContent: boolean): TfBody {
    const attributes = new Map<string, TfAttribute>();
    for (const a of raw.attributes) {
      if (attributes.has(a.name)) {
        this.problem(file, a.nameSpan, `The attribute \`${a.name}\` is set twice`, 'error');
        continue;
      }
      const attribute = this.attribute(file, a, this);
      if (dynamicContent) attribute.value = { kind: 'unknown', reason: 'a value of a dynamic block', range: attribute.value.range };
      attributes.set(a.name, attribute);
    }
    const blocks: TfBlock[] = [];
    for (const b of raw.blocks) {
      const isDynamic = b.type === 'dynamic' && b.labels[0] !== undefined;
      const content = isDynamic ? b.body.blocks.find((c) => c.type === 'content') : undefined;
      const label = b.labels[0];
      blocks.push({
        type: isDynamic ? label!.value : b.type,
        typeRange: isDynamic ? { file, start: label!.start, end: label!.end } : { file, ...span(b.typeSpan) },
        labels: (isDynamic ? [] : b.labels).map((l) => ({ value: l.value, range: { file, start: l.start, end: l.end } })),
        range: { file, start: b.start, end: b.end },
        body: isDynamic ? this.body(file, content?.body ?? { attributes: [], blocks: [] }, true) : this.body(file, b.body, dynamicContent),
        ...(!isDynamic && b.closingBrace ? { closingBrace: { file, ...span(b.closingBrace) } } : {}),
        dynamic: isDynamic || dynamicContent,
      });
    }
    return { attributes, blocks };
  }

  private attribute(file: string, raw: RawAttribute, scope: EvalScope): TfAttribute {
    return {
      name: raw.name,
      nameRange: { file, ...span(raw.nameSpan) },
      range: { file, start: raw.start, end: raw.end },
      value: evaluate(raw.expr, file, scope),
    };
  }

  private problem(file: string, at: Span, message: string, severity: 'error' | 'warning'): void {
    this.problems.push({ file, start: at.start, end: at.end, message, severity });
  }
}

function span(s: Span): Span {
  return { start: s.start, end: s.end };
}

function collectLinks(from: string, body: TfBody, prefix: string, into: TfLink[]): void {
  for (const attribute of body.attributes.values()) collectValueLinks(from, `${prefix}${attribute.name}`, attribute.value, into, 0);
  for (const block of body.blocks) collectLinks(from, block.body, `${prefix}${block.type}.`, into);
}

function collectValueLinks(from: string, path: string, value: TfValue, into: TfLink[], depth: number): void {
  if (depth > 50) return;
  if (value.kind === 'reference' && value.resolved) {
    into.push({ from, path, to: value.address, ...(value.attribute ? { attribute: value.attribute } : {}), range: value.range });
  } else if (value.kind === 'list') {
    for (const item of value.items) collectValueLinks(from, path, item, into, depth + 1);
  } else if (value.kind === 'object') {
    for (const entry of value.entries) collectValueLinks(from, `${path}.${entry.key ?? '*'}`, entry.value, into, depth + 1);
  }
}
