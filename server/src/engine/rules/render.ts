import { defineRule } from './rule';

/**
 * Findings come from the chart renderer and the kustomize builder (sources/helm, sources/kustomize, placed by
 * sources/project.ts and the wings); this entry carries the docs and the severity.
 */
export default defineRule({
  id: 'render',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    appliesTo: 'Helm charts (a folder with `Chart.yaml`) and Kustomize overlays (a folder with `kustomization.yaml`), rendered by ScaleLint itself',
    summary: 'A chart or kustomization cannot be rendered as Helm or kubectl would, or holds something ScaleLint cannot render.',
    rationale:
      'ScaleLint lints what a chart or an overlay really produces, not the template text: it renders charts the way `helm template` does (Go templates, Helm and Sprig functions, values files and `--set`) and builds overlays the way `kubectl kustomize` does, then reports each finding on the values-file, template, base or patch line a person edits. A template error that Helm would stop on (an unclosed action, an undefined variable, a failing `required` or `fail`), or a kustomization that kubectl rejects (a missing resource, a patch whose target does not exist), is an error here too, at the place Helm or kubectl names: the release would fail the same way in the pipeline. What ScaleLint cannot render — an unsupported function, a packed `.tgz` subchart, a remote resource, `helmCharts`, a generator — is an information note at the call, and the rest of the chart or overlay is still rendered and linted, so nothing is skipped without a word.',
    remediation: 'Fix the template or kustomization at the marked place, as you would for `helm template` or `kubectl kustomize`. For an information note, lint the output of `helm template … | scalelint -` or `kustomize build … | scalelint -` if the part left out matters.',
    bad: "# templates/hpa.yaml\nspec:\n  minReplicas: {{ required \"set autoscaling.minReplicas\" .Values.autoscaling.minReplicas }}",
    good: "# values.yaml\nautoscaling:\n  minReplicas: 2",
  },
});
