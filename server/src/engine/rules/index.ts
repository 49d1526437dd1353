/** The rule registry: every rule, in the order of SPEC §2. */
import type { Rule } from './rule';
import yamlSyntax from './yaml-syntax';
import minReplicas from './min-replicas';
import scaleUpSpeed from './scale-up-speed';

export const rules: readonly Rule[] = [yamlSyntax, minReplicas, scaleUpSpeed];

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.id, r]));
