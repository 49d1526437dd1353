/**
 * A shell script's scaling command lines as the linter reads them (SPEC §9): each command is the Terraform
 * resource its flags describe (`aws autoscaling create-auto-scaling-group --min-size 1` is an
 * `aws_autoscaling_group` with `min_size = 1`; `gcloud … set-autoscaling --zone` a zonal
 * `google_compute_autoscaler`), written as the Terraform source writes it, with the flags' ranges as its
 * source map and the flags' names in messages. `$VAR` and the flags an update command leaves out are
 * unknown, so no rule reports what the command does not say.
 */
import type { RenderResult } from '../rendered';
import type { TerraformModule, TfAttribute, TfBlock, TfBody, TfRange, TfResource, TfValue } from '../terraform/model';
import { renderTerraformModuleAsYaml } from '../terraform/render';
import { AWS_FLAGS, GCLOUD_FLAGS, parseShellCommands, type ShellCommand, type ShellFlagFact, type ShellValue } from './commands';
import { flagOf, parseGcloudDuration } from './index';

/** The value's characters without its quotes, when it is one quoted or unquoted word. */
function innerRange(file: string, v: ShellValue): TfRange {
  const quoted = /^(["']).*\1$/s.test(v.written) && v.value !== undefined && v.written.length === v.value.length + 2;
  return quoted ? { file, start: v.start + 1, end: v.end - 1 } : { file, start: v.start, end: v.end };
}

function valueOf(file: string, fact: ShellFlagFact, values: readonly ShellValue[]): TfValue {
  const first = values[0];
  const range: TfRange = first ? { file, start: first.start, end: values[values.length - 1]!.end } : { file, start: 0, end: 0 };
  if (!first || values.some((v) => v.value === undefined)) return { kind: 'unknown', range, reason: 'a shell variable' };
  const text = first.value!;
  const fix = innerRange(file, first);
  switch (fact.kind) {
    case 'count':
    case 'seconds':
    case 'fraction': {
      const n = text.trim() === '' ? NaN : Number(text);
      return Number.isFinite(n) ? { kind: 'number', value: n, range, fix } : { kind: 'unknown', range, reason: 'not a number' };
    }
    case 'duration': {
      const seconds = parseGcloudDuration(text);
      return seconds === undefined ? { kind: 'unknown', range, reason: 'not a duration' } : { kind: 'number', value: seconds, range, ...(/^\d+$/.test(text) ? { fix } : {}) };
    }
    case 'list': {
      const items: TfValue[] = values.flatMap((v) => v.value!.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s): TfValue => ({ kind: 'string', value: s, range: { file, start: v.start, end: v.end } })));
      return { kind: 'list', items, range };
    }
    case 'string':
      return { kind: 'string', value: text, range, fix };
  }
}

interface Built {
  resource: TfResource;
  /** Attribute path (dotted) → the flag that wrote it. */
  flags: Map<string, string>;
}

/** A body of attributes and nested blocks from dotted paths: `autoscaling_policy.cpu_utilization.target`. */
function bodyOf(entries: [string, TfAttribute][], home: TfRange): TfBody {
  const attributes = new Map<string, TfAttribute>();
  const nested = new Map<string, [string, TfAttribute][]>();
  for (const [path, attribute] of entries) {
    const dot = path.indexOf('.');
    if (dot < 0) attributes.set(path, attribute);
    else nested.set(path.slice(0, dot), [...(nested.get(path.slice(0, dot)) ?? []), [path.slice(dot + 1), attribute]]);
  }
  const blocks: TfBlock[] = [...nested].map(([type, inner]) => ({ type, typeRange: home, labels: [], range: home, body: bodyOf(inner, home), dynamic: false }));
  return { attributes, blocks };
}

function resourceOf(file: string, command: ShellCommand, index: number): Built {
  const gcloud = command.kind.startsWith('gcloud');
  const facts = gcloud ? GCLOUD_FLAGS : AWS_FLAGS;
  const update = command.kind === 'gcloud-update-autoscaling' || command.kind === 'aws-update-auto-scaling-group';
  const firstFlag = command.flags[0]?.nameStart ?? command.end;
  const home: TfRange = { file, start: command.start, end: Math.max(command.start + 1, Math.min(command.end, firstFlag)) };
  const entries: [string, TfAttribute][] = [];
  const flags = new Map<string, string>();
  for (const [flag, fact] of Object.entries(facts)) {
    const given = flagOf(command, flag);
    flags.set(fact.terraform, flag);
    if (!given && !update) continue;
    const value: TfValue = given ? valueOf(file, fact, given.values) : { kind: 'unknown', range: home, reason: `${flag} is not given: the update keeps the group's value` };
    const nameRange = given ? { file, start: given.nameStart, end: given.nameEnd } : home;
    entries.push([fact.terraform, { name: fact.terraform.slice(fact.terraform.lastIndexOf('.') + 1), nameRange, range: { ...nameRange, end: value.range.end || nameRange.end }, value }]);
  }
  const positional = command.positionals[0];
  if (gcloud && positional && !entries.some(([p]) => p === 'name')) entries.push(['name', { name: 'name', nameRange: innerRange(file, positional), range: innerRange(file, positional), value: valueOf(file, { kind: 'string', terraform: 'name' }, [positional]) }]);
  const named = entries.find(([p]) => p === 'name')?.[1].value;
  const label = named?.kind === 'string' && /^[\w.-]{1,80}$/.test(named.value) ? named.value : `command-${index + 1}`;
  const type = !gcloud ? 'aws_autoscaling_group' : flagOf(command, '--region') ? 'google_compute_region_autoscaler' : 'google_compute_autoscaler';
  return {
    resource: { mode: 'managed', type, name: label, address: label, file, range: { file, start: command.start, end: command.end }, typeRange: home, nameRange: home, body: bodyOf(entries, home) },
    flags,
  };
}

/** The scaling commands of one script, rendered; undefined when it has none. */
export function renderShellScript(path: string, text: string): RenderResult {
  const commands = parseShellCommands(path, text);
  if (!commands.length) return { documents: [], problems: [], inputs: [path] };
  const resources = new Map<string, TfResource>();
  const say = new Map<string, string>();
  commands.forEach((command, i) => {
    const built = resourceOf(path, command, i);
    let address = built.resource.address;
    for (let n = 2; resources.has(address); n++) address = `${built.resource.address}-${n}`;
    resources.set(address, { ...built.resource, address, name: address });
    for (const [attribute, flag] of built.flags) {
      // The attribute's path and its dotted tails (`cpu_utilization.target`); a last name alone only when it is
      // no everyday word (`min_replicas`, not `target` or `zone`, which messages use as words).
      const parts = attribute.split('.');
      for (let i = 0; i < parts.length; i++) {
        const tail = parts.slice(i).join('.');
        if (tail.includes('.') || tail.includes('_')) say.set(tail, flag);
      }
    }
  });
  const module: TerraformModule = { files: [path], resources, modules: new Map(), variables: new Map(), locals: new Map(), links: [], problems: [] };
  const doc = renderTerraformModuleAsYaml(module, new Map([[path, text]]), `${path} (commands)`, say);
  return { documents: doc ? [doc] : [], problems: [], inputs: [path] };
}
