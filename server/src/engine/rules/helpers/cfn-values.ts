/** Small readers shared by the CloudFormation rules of SPEC §10 (update-policy, scheduled-scaling, spot-ha). */
import { isScalar, type Node } from 'yaml';
import type { Resource } from '../../parse/document';
import { resolved } from '../../model/cloudformation';
import { num, str } from '../../parse/values';
import { replaceNode } from '../../fix';
import type { TextEdit } from '../../types';

/** A number written literally or as a numeric string, or a `!Ref` to a Parameter whose Default is one. */
export function numberAt(r: Resource, node: Node | null | undefined): { value: number; literal: boolean } | undefined {
  const v = resolved(r, node);
  if (!v) return undefined;
  const value = num(v.node);
  return value === undefined ? undefined : { value, literal: v.literal };
}

/** A string value, seen through `!Ref` to a Parameter Default. */
export function stringAt(r: Resource, node: Node | null | undefined): string | undefined {
  const v = resolved(r, node);
  return v ? str(v.node) : undefined;
}

/** "MinSize 1", or "MinSize 1 (the parameter's Default)". */
export function said(key: string, v: { value: number; literal: boolean }): string {
  return `${key} ${v.value}${v.literal ? '' : " (the parameter's Default)"}`;
}

/** Replaces a literal number, keeping its quotes (CloudFormation templates often quote numbers). */
export function replaceNumber(node: Node | null | undefined, value: number): TextEdit[] {
  if (!node || !isScalar(node)) return [];
  const text = node.type === 'QUOTE_SINGLE' ? `'${value}'` : node.type === 'QUOTE_DOUBLE' ? `"${value}"` : String(value);
  return replaceNode(node, text);
}
