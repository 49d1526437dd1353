import { defineRule } from './rule';

/** Findings come from the parser (parse/document.ts); this entry carries the docs and the severity. */
export default defineRule({
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    appliesTo: 'every YAML file',
    summary: 'The file is not valid YAML: a parse error or a duplicate key.',
    rationale:
      'A manifest that does not parse is rejected by `kubectl apply` and by CloudFormation, and a duplicate key is worse: most tools keep the last value silently, so the replica bounds or the probe you reviewed may not be the ones that ship. Helm templates (`{{ … }}`) are not YAML until rendered; they get one information note instead of a cascade of errors. Files above `maxFileSizeBytes` get one warning instead of a lint.',
    remediation: 'Fix the syntax at the marked position; remove or merge the duplicated key. For a Helm chart, lint the output of `helm template`.',
    bad: 'spec:\n  minReplicas: 2\n  minReplicas: 3',
    good: 'spec:\n  minReplicas: 3',
  },
});
