/** CloudFormation → the model: Auto Scaling groups as autoscalers (MinSize, MaxSize, DesiredCapacity). */
import { isScalar, type Node } from 'yaml';
import type { Resource } from '../parse/document';
import { keyRange, rangeOf, refName } from '../parse/values';
import { isAsg, propNumber } from '../model/cloudformation';
import type { Autoscaler, ModelValue, ScalingObject } from '../model/scaling';

/** A numeric property as a model value: a literal is replaced in place (in its quoting); a `!Ref` is its parameter's Default. */
function sizeValue(r: Resource, field: string): ModelValue<number> | undefined {
  const n = propNumber(r, field);
  if (!n) return undefined;
  const node = n.pair.value as Node; // propNumber found a value
  const range = rangeOf(node) ?? r.anchor;
  const key = keyRange(n.pair);
  if (!n.literal) return { value: n.value, explicit: true, name: field, range, key, parameter: refName(node) ?? '?' };
  const quote = isScalar(node) && typeof node.value === 'string' ? (node.type === 'QUOTE_SINGLE' ? "'" : '"') : undefined;
  return { value: n.value, explicit: true, name: field, range, key, fix: { kind: 'replace', node, quote } };
}

function group(r: Resource): Autoscaler {
  return {
    type: 'autoscaler',
    source: 'cloudformation',
    resource: r,
    name: r.name,
    kind: r.kind,
    enforcedBy: 'CloudFormation',
    home: r.anchor,
    bounds: { min: sizeValue(r, 'MinSize'), max: sizeValue(r, 'MaxSize'), desired: sizeValue(r, 'DesiredCapacity') },
    boundNames: { min: 'MinSize', max: 'MaxSize', desired: 'DesiredCapacity' },
  };
}

/** The scaling object a CloudFormation resource is, if it is one the model knows. */
export function cloudFormationObject(r: Resource): ScalingObject | undefined {
  if (isAsg(r)) return group(r);
  return undefined;
}
