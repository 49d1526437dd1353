/**
 * The wire contract between the VS Code client (client/src) and the language server (server/src/lsp):
 * both sides import this file, so nothing is declared twice. Names and plain data shapes only, no
 * imports: the client bundle takes nothing of the server with it.
 */

/** The server's name, the diagnostics' `source` and the client's diagnostic collection. */
export const SCALELINT = 'scalelint';

/** The settings section the server reads (`scalelint.*`). */
export const SETTINGS_SECTION = 'scalelint';

/** `initializationOptions` the client sends. */
export interface InitializationOptions {
  /** The client applies the snippet edits carried in a code action's data ({@link SnippetFixData}). */
  snippetFixes?: boolean;
  /**
   * Red Hat's YAML extension validates Kubernetes files: the built-in kinds' schema problems (except
   * unknown fields), field descriptions and completions are left to it.
   */
  deferBuiltInKubernetes?: boolean;
}

/** Notification from the client when {@link InitializationOptions.deferBuiltInKubernetes} changes. */
export const DEFER_BUILT_IN_KUBERNETES_NOTIFICATION = 'scalelint/deferBuiltInKubernetes';

export interface DeferBuiltInKubernetesParams {
  defer: boolean;
}

/** The kind of the fix-all code action (as vscode-eslint's `source.fixAll.eslint`), for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.scalelint';

/** `data` of a code action whose fix is also a snippet: what the client inserts instead of `edit`. */
export interface SnippetFixData {
  scalelintSnippet: {
    uri: string;
    version: number;
    edits: { range: Range; newText: string }[];
  };
}

/** The client command the code lens runs; arguments: one {@link OpenCalculatorArgs}. */
export const OPEN_CALCULATOR_COMMAND = 'scalelint.openCalculator';

export interface OpenCalculatorArgs {
  uri: string;
  /** The resource's first line: where the lens sits, and what the calculator opens on. */
  range: Range;
}

/** An LSP range (zero-based lines, UTF-16 characters). */
export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Request from the client: the render of the chart or kustomization a file belongs to (SPEC §8). */
export const RENDERED_MANIFEST_REQUEST = 'scalelint/renderedManifest';

/** The command "ScaleLint: Show rendered manifest", and the scheme of the read-only document it opens. */
export const SHOW_RENDERED_MANIFEST_COMMAND = 'scalelint.showRenderedManifest';
export const RENDERED_MANIFEST_SCHEME = 'scalelint-rendered';

export interface RenderedManifestParams {
  /** A file of the chart or kustomization (values, template, patch, base, kustomization.yaml). */
  uri: string;
}

/** The render as YAML with `# Source:` comments (null when the file is in no chart or kustomization). */
export interface RenderedManifestResult {
  /** "chart mychart", "kustomization overlays/prod", … */
  title: string;
  text: string;
}

/**
 * Requests from the calculator panel for an autoscaler in a render (SPEC §5 with §8, §9): a chart's HPA found
 * from its values file or template, a Terraform module's group, a script's `gcloud` autoscaler. The panel
 * pins the target the first answer names, asks again by pin when files change, and applies the edits the
 * second answers with (they may land in other files than the one the cursor is in: values.yaml).
 */
export const CAPACITY_TARGET_REQUEST = 'scalelint/capacityTarget';
export const CAPACITY_EDITS_REQUEST = 'scalelint/capacityEdits';

/** Identifies a rendered target across re-renders: the render it is in (and the file its unit was found from). */
export interface CapacityPin {
  uri: string;
  render: string;
  gate?: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** The target at a cursor (`uri` and `position`), or the pinned one again (`pin`). */
export type CapacityTargetParams = { uri: string; position: { line: number; character: number } } | { pin: CapacityPin };

export interface CapacityTargetInfo {
  pin: CapacityPin;
  kind: string;
  name: string;
  /** For people: "hpa.yaml, line 2 (rendered, when autoscaling.enabled is true)". */
  location: string;
  /** In the words the user wrote (`min_size`, `capacity.minimum`). */
  fields: { min: string; desired?: string; max: string };
  current: { min?: number; desired?: number; max?: number };
  manifest?: unknown;
  /** Where "Show in editor" goes: the origin of the target's first key. */
  home: { uri: string; range: Range };
}

/** null: the file is in no chart, kustomization, Terraform module or script ScaleLint renders. */
export type CapacityTargetResult = { target: CapacityTargetInfo | null; reason?: string } | null;

export interface CapacityEditsParams {
  pin: CapacityPin;
  values: { min: number; desired: number; max: number };
}

export interface CapacityEditsResult {
  ok: boolean;
  message: string;
  /** The edits per file (ok only); `version` is the open document's version they were computed on. */
  changes?: { uri: string; version?: number; edits: { range: Range; newText: string }[] }[];
  /** Refused: each value to change by hand, and why. */
  byHand?: { field: string; reason: string }[];
}
