/** A rule's doc as Markdown for a hover over its finding: summary, rationale and the link. */
import { ruleById } from '../rules';

/** `docUrl`: the rule's page (the engine index's `ruleDocUrl`, passed in to keep this module below the index). */
export function ruleDocMarkdown(ruleId: string, docUrl: string): string | undefined {
  const rule = ruleById.get(ruleId);
  if (!rule) return undefined;
  return `**ScaleLint \`${rule.id}\`**: ${rule.docs.summary}\n\n${rule.docs.rationale}\n\n[Rule documentation](${docUrl})`;
}
