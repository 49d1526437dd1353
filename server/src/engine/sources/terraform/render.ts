/**
 * A Terraform module as the linter reads it: the AWS resources of SPEC §9 written as one CloudFormation
 * template (as-cloudformation.ts), with a source map back to the `.tf` files. Findings land on the exact
 * attribute (the expression where it is used); a fix rewrites the literal — in the attribute, or in the
 * `default` of the variable (the `local`) it came from, when that is in the same file. Expressions that
 * cannot be evaluated become template parameters without a default, which every rule takes as unknown.
 */
import type { RenderedDocument, Segment } from '../rendered';
import type { TerraformModule, TfBody, TfRange, TfResource, TfValue } from './model';
import { AWS_AS_CLOUDFORMATION, ATTACHMENT_INTO_GROUP, cloudFormationVocabulary, type PropertyMap } from './as-cloudformation';
import { attributeAt } from './index';
import { apiName, INT_OR_STRING, KUBERNETES_KINDS, LIST_BLOCKS } from './as-kubernetes';
import { OTHER_CLOUDS } from './other-clouds';

type Out = Scalar | OutMap | OutSeq;
interface Scalar {
  kind: 'scalar';
  /** The scalar as YAML text (a tag included: `!Ref x`). */
  text: string;
  /** The expression it came from (where findings point). */
  at?: TfRange;
  /** The literal a fix may rewrite, when its text is exactly `text`. */
  fix?: TfRange;
}
interface OutEntry {
  key: string;
  /** The attribute name or block type that wrote the key. */
  keyAt?: TfRange;
  value: Out;
}
interface OutMap {
  kind: 'map';
  entries: OutEntry[];
}
interface OutSeq {
  kind: 'seq';
  items: Out[];
}

const PLAIN_KEY = /^[A-Za-z_][\w.:-]*$/;

class Writer {
  private readonly unknowns = new Map<string, TfRange>();
  constructor(
    private readonly module: TerraformModule,
    private readonly texts: ReadonlyMap<string, string>,
  ) {}

  /** The parameters standing for expressions that cannot be evaluated. */
  parameters(): OutEntry[] {
    return [...this.unknowns].map(([name, at]) => ({ key: name, keyAt: at, value: { kind: 'map', entries: [{ key: 'Type', value: { kind: 'scalar', text: 'String' } }] } }));
  }

  private unknown(value: TfValue): Scalar {
    const source = this.texts.get(value.range.file)?.slice(value.range.start, value.range.end) ?? '';
    let name = PLAIN_KEY.test(source) && source.length <= 60 ? source : `expression-${this.unknowns.size + 1}`;
    if (this.unknowns.has(name) && this.unknowns.get(name) !== value.range && !PLAIN_KEY.test(source)) name = `expression-${this.unknowns.size + 1}`;
    if (!this.unknowns.has(name)) this.unknowns.set(name, value.range);
    return { kind: 'scalar', text: `!Ref ${name}`, at: value.range };
  }

  private literal(text: string, value: TfValue): Scalar {
    const fix = value.fix && this.texts.get(value.fix.file)?.slice(value.fix.start, value.fix.end) === text ? value.fix : undefined;
    return { kind: 'scalar', text, at: value.range, ...(fix ? { fix } : {}) };
  }

  /** A value as YAML; undefined for `null` (Terraform's "not set"). */
  value(value: TfValue): Out | undefined {
    switch (value.kind) {
      case 'null':
        return undefined;
      case 'number': {
        const written = value.fix ? this.texts.get(value.fix.file)?.slice(value.fix.start, value.fix.end) : undefined;
        return this.literal(written !== undefined && /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(written) && Number(written) === value.value ? written : String(value.value), value);
      }
      case 'bool':
        return this.literal(String(value.value), value);
      case 'string':
        return this.literal(JSON.stringify(value.value), value);
      case 'list':
        return { kind: 'seq', items: value.items.map((i) => this.value(i) ?? this.unknown(i)) };
      case 'object':
        return { kind: 'map', entries: value.entries.filter((e) => e.key !== undefined).flatMap((e) => this.entry(e.key!, e.keyRange, e.value)) };
      case 'reference':
        return value.mode === 'managed' && value.resolved ? { kind: 'scalar', text: `!Ref ${value.address}`, at: value.range } : this.unknown(value);
      case 'unknown':
        return this.unknown(value);
    }
  }

  private entry(key: string, keyAt: TfRange, value: TfValue): OutEntry[] {
    const out = this.value(value);
    return out ? [{ key, keyAt, value: out }] : [];
  }

  /** A block body (or the resource's) as properties, by the table; `home` is where a provider default points. */
  properties(body: TfBody, props: readonly PropertyMap[], home?: TfRange): OutEntry[] {
    const entries: OutEntry[] = [];
    for (const prop of props) {
      if (prop.tfDefault !== undefined && home && !body.attributes.has(prop.tf)) {
        entries.push({ key: prop.cfn, keyAt: home, value: { kind: 'scalar', text: prop.tfDefault, at: home } });
        continue;
      }
      const attribute = body.attributes.get(prop.tf);
      const blocks = body.blocks.filter((b) => b.type === prop.tf && !b.dynamic);
      if (prop.props && blocks.length) {
        if (prop.repeated) {
          entries.push({ key: prop.cfn, keyAt: blocks[0]!.typeRange, value: { kind: 'seq', items: blocks.map((b) => ({ kind: 'map', entries: this.properties(b.body, prop.props!) })) } });
        } else if (prop.flatten) {
          entries.push(...this.properties(blocks[0]!.body, prop.props));
        } else {
          entries.push({ key: prop.cfn, keyAt: blocks[0]!.typeRange, value: { kind: 'map', entries: this.properties(blocks[0]!.body, prop.props) } });
        }
        continue;
      }
      if (!attribute) continue;
      if (prop.nameValueList && attribute.value.kind === 'object') {
        const items: Out[] = attribute.value.entries
          .filter((e) => e.key !== undefined)
          .flatMap((e) => {
            const v = this.value(e.value);
            return v ? [{ kind: 'map', entries: [{ key: 'Name', keyAt: e.keyRange, value: { kind: 'scalar', text: JSON.stringify(e.key), at: e.keyRange } }, { key: 'Value', keyAt: e.keyRange, value: v }] } as OutMap] : [];
          });
        entries.push({ key: prop.cfn, keyAt: attribute.nameRange, value: { kind: 'seq', items } });
        continue;
      }
      entries.push(...this.entry(prop.cfn, attribute.nameRange, attribute.value));
    }
    return entries;
  }

  /** What attachment resources add to a group: its target groups and classic load balancers. */
  attachments(group: TfResource): Map<string, Out[]> {
    const added = new Map<string, Out[]>();
    for (const r of this.attachmentsOf().get(group.address) ?? []) {
      const into = ATTACHMENT_INTO_GROUP[r.type]!;
      for (const { tf, cfn } of into) {
        const v = attributeAt(r.body, tf)?.value;
        const out = v && this.value(v);
        if (out) added.set(cfn, [...(added.get(cfn) ?? []), out]);
      }
    }
    return added;
  }

  private attachmentIndex: Map<string, TfResource[]> | undefined;

  /** The module's attachment resources by the address of the group they name (one pass over the module, not one per group). */
  private attachmentsOf(): Map<string, TfResource[]> {
    if (this.attachmentIndex) return this.attachmentIndex;
    const index = new Map<string, TfResource[]>();
    for (const r of this.module.resources.values()) {
      if (!ATTACHMENT_INTO_GROUP[r.type]) continue;
      const named = attributeAt(r.body, 'autoscaling_group_name')?.value;
      if (named?.kind !== 'reference') continue;
      index.set(named.address, [...(index.get(named.address) ?? []), r]);
    }
    return (this.attachmentIndex = index);
  }

  /** API field names written in the provider's words, for messages: `minReplicas` → `min_replicas`. */
  readonly words = new Map<string, string>();

  /** A Kubernetes provider block body as the API object's fields. */
  private kubernetesBody(body: TfBody): OutEntry[] {
    const entries: OutEntry[] = [];
    for (const [name, attribute] of body.attributes) {
      const key = apiName(name);
      if (key !== name) this.words.set(key, name);
      const v = attribute.value;
      if (INT_OR_STRING.has(key) && v.kind === 'string' && /^\d{1,9}$/.test(v.value)) {
        entries.push({ key, keyAt: attribute.nameRange, value: { kind: 'scalar', text: v.value, at: v.range } });
        continue;
      }
      entries.push(...this.entry(key, attribute.nameRange, v));
    }
    const types = [...new Set(body.blocks.filter((b) => !b.dynamic).map((b) => b.type))];
    for (const type of types) {
      const blocks = body.blocks.filter((b) => b.type === type && !b.dynamic);
      const list = LIST_BLOCKS[type];
      const key = list ?? apiName(type);
      if (key !== type) this.words.set(key, type);
      const value: Out = list
        ? { kind: 'seq', items: blocks.map((b) => ({ kind: 'map', entries: this.kubernetesBody(b.body) })) }
        : { kind: 'map', entries: this.kubernetesBody(blocks[0]!.body) };
      entries.push({ key, keyAt: blocks[0]!.typeRange, value });
    }
    return entries;
  }

  /** A block body with the provider's own names; repeated blocks of `lists` as lists. */
  private plainBody(body: TfBody, lists: ReadonlySet<string>): OutEntry[] {
    const entries: OutEntry[] = [];
    for (const [name, attribute] of body.attributes) entries.push(...this.entry(name, attribute.nameRange, attribute.value));
    for (const type of [...new Set(body.blocks.filter((b) => !b.dynamic).map((b) => b.type))]) {
      const blocks = body.blocks.filter((b) => b.type === type && !b.dynamic);
      const value: Out = lists.has(type)
        ? { kind: 'seq', items: blocks.map((b) => ({ kind: 'map', entries: this.plainBody(b.body, lists) })) }
        : { kind: 'map', entries: this.plainBody(blocks[0]!.body, lists) };
      entries.push({ key: type, keyAt: blocks[0]!.typeRange, value });
    }
    return entries;
  }

  /** A GCP or Azure resource as a template resource of the type the model reads (other-clouds.ts). */
  otherCloud(r: TfResource): OutEntry | undefined {
    const form = OTHER_CLOUDS[r.type];
    if (!form || r.mode !== 'managed') return undefined;
    const home = { file: r.file, start: r.typeRange.start, end: r.nameRange.end };
    const props = this.plainBody(r.body, form.lists);
    return {
      key: r.address,
      keyAt: home,
      value: {
        kind: 'map',
        entries: [
          { key: 'Type', keyAt: r.typeRange, value: { kind: 'scalar', text: form.type, at: r.typeRange } },
          { key: 'Properties', keyAt: home, value: { kind: 'map', entries: props } },
        ],
      },
    };
  }

  /** A `kubernetes_*` resource as the manifest it applies; `kubernetes_manifest` as its `manifest` object. */
  kubernetes(r: TfResource): OutEntry[] | undefined {
    if (r.mode !== 'managed') return undefined;
    const home = { file: r.file, start: r.typeRange.start, end: r.nameRange.end };
    if (r.type === 'kubernetes_manifest') {
      const manifest = r.body.attributes.get('manifest')?.value;
      const out = manifest?.kind === 'object' ? this.value(manifest) : undefined;
      return out?.kind === 'map' ? out.entries : undefined;
    }
    const api = KUBERNETES_KINDS[r.type];
    if (!api) return undefined;
    return [
      { key: 'apiVersion', keyAt: home, value: { kind: 'scalar', text: api.apiVersion, at: r.typeRange } },
      { key: 'kind', keyAt: home, value: { kind: 'scalar', text: api.kind, at: home } },
      ...this.kubernetesBody(r.body),
    ];
  }

  resource(r: TfResource): OutEntry | undefined {
    const map = AWS_AS_CLOUDFORMATION[r.type];
    if (!map || r.mode !== 'managed') return undefined;
    const props = this.properties(r.body, map.props, { file: r.file, start: r.typeRange.start, end: r.nameRange.end });
    if (r.type === 'aws_autoscaling_group') {
      for (const [cfn, items] of this.attachments(r)) {
        const own = props.find((e) => e.key === cfn);
        if (own?.value.kind === 'seq') own.value.items.push(...items);
        else if (!own) props.push({ key: cfn, value: { kind: 'seq', items } });
      }
    }
    const home = { file: r.file, start: r.typeRange.start, end: r.nameRange.end };
    return {
      key: r.address,
      keyAt: home,
      value: {
        kind: 'map',
        entries: [
          { key: 'Type', keyAt: r.typeRange, value: { kind: 'scalar', text: map.cfn, at: r.typeRange } },
          ...(props.length ? [{ key: 'Properties', keyAt: home, value: { kind: 'map', entries: props } as OutMap }] : []),
        ],
      },
    };
  }
}

/** Prints block YAML and records a segment for every key and scalar that came from the module's text. */
class Printer {
  text = '';
  segments: Segment[] = [];
  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  private put(s: string, at?: TfRange, kind: Segment['kind'] = 'template', fix?: TfRange): void {
    const start = this.text.length;
    this.text += s;
    if (!at || s.length === 0) return;
    const verbatim = this.texts.get(at.file)?.slice(at.start, at.end) === s;
    const seg: Segment = { start, end: this.text.length, kind, file: at.file, fileStart: at.start, fileEnd: at.end, verbatim };
    if (!verbatim && fix && fix.file === at.file) seg.fix = { start: fix.start, end: fix.end };
    else if (!verbatim && fix) seg.declared = { file: fix.file, start: fix.start, end: fix.end };
    this.segments.push(seg);
  }

  private key(k: string): string {
    return PLAIN_KEY.test(k) && !/^(?:true|false|null|yes|no|on|off|~)$/i.test(k) ? k : JSON.stringify(k);
  }

  map(entries: OutEntry[], indent: number, first = false): void {
    entries.forEach((e, i) => {
      if (!(first && i === 0)) this.text += ' '.repeat(indent);
      this.put(this.key(e.key), e.keyAt);
      this.text += ':';
      this.after(e.value, indent);
    });
  }

  /** A value after `key:` or `- `. */
  private after(v: Out, indent: number): void {
    if (v.kind === 'scalar') {
      this.text += ' ';
      this.put(v.text, v.at, 'value', v.fix);
      this.text += '\n';
    } else if (v.kind === 'map') {
      if (!v.entries.length) {
        this.text += ' {}\n';
        return;
      }
      this.text += '\n';
      this.map(v.entries, indent + 2);
    } else {
      if (!v.items.length) {
        this.text += ' []\n';
        return;
      }
      this.text += '\n';
      this.seq(v.items, indent + 2);
    }
  }

  private seq(items: Out[], indent: number): void {
    for (const item of items) {
      this.text += `${' '.repeat(indent)}-`;
      if (item.kind === 'map' && item.entries.length) {
        this.text += ' ';
        this.map(item.entries, indent + 2, true);
      } else if (item.kind === 'scalar') {
        this.text += ' ';
        this.put(item.text, item.at, 'value', item.fix);
        this.text += '\n';
      } else this.after(item, indent);
    }
  }
}

/**
 * The module as the linter reads it, or undefined when it has nothing ScaleLint reads: its AWS resources as
 * one CloudFormation template, then each Kubernetes resource as its manifest (YAML documents of one
 * render). `name` names the render (the module's folder).
 */
export function renderTerraformModuleAsYaml(
  module: TerraformModule,
  texts: ReadonlyMap<string, string>,
  name: string,
  /** Terraform words → the words the user wrote, when that is not Terraform (a command line's flags). */
  spoken?: ReadonlyMap<string, string>,
): RenderedDocument | undefined {
  const writer = new Writer(module, texts);
  const all = [...module.resources.values()];
  const resources = all.map((r) => writer.resource(r) ?? writer.otherCloud(r)).filter((e): e is OutEntry => e !== undefined);
  const manifests = all.map((r) => writer.kubernetes(r)).filter((e): e is OutEntry[] => e !== undefined && e.length > 0);
  if (!resources.length && !manifests.length) return undefined;
  const printer = new Printer(texts);
  if (resources.length) {
    printer.text = 'AWSTemplateFormatVersion: "2010-09-09"\n';
    const parameters = writer.parameters();
    if (parameters.length) printer.map([{ key: 'Parameters', value: { kind: 'map', entries: parameters } }], 0);
    printer.map([{ key: 'Resources', value: { kind: 'map', entries: resources } }], 0);
  }
  for (const manifest of manifests) {
    if (printer.text) printer.text += '---\n';
    printer.map(manifest, 0);
  }
  let vocabulary = [...cloudFormationVocabulary(), ...writer.words];
  if (spoken) vocabulary = [...vocabulary.map(([from, tf]): [string, string] => [from, spoken.get(tf) ?? tf]), ...spoken];
  // What the source chose (the form's required fields, its API version) is not the user's to fix.
  return { name, text: printer.text, segments: printer.segments, vocabulary, ignoreRules: ['schema', 'deprecated-api'] };
}
