/** Small wordings shared by the group rules of SPEC §10 (update-policy, scheduled-scaling, spot-ha). */
import type { ModelValue } from '../../model/scaling';

/** "MinSize 1", or "MinSize 1 (the parameter's Default)": the value in the name the source spells it with. */
export function said(v: ModelValue<number>): string {
  return `${v.name} ${v.value}${v.parameter === undefined ? '' : " (the parameter's Default)"}`;
}
