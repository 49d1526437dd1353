/**
 * What a renderer (Helm) or builder (Kustomize) hands to the linter: YAML text nobody wrote by hand, plus a
 * source map from ranges of that text back to the files a person edits. The Kubernetes YAML source parses
 * `text` as usual; placement maps each finding's range through `segments`, and a fix is written back only
 * where the segment is verbatim (the rendered characters are exactly the origin's characters).
 */

/** A file of the chart or kustomization, as the engine sees it (no file system in the engine). */
export interface SourceFile {
  /** Path relative to the chart/kustomization root's workspace, with `/` separators. */
  path: string;
  text: string;
}

/** Read access to files, supplied by the Node wing (CLI, server) or by tests. */
export interface FileReader {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  read(path: string): string | undefined;
  /** Entries of a folder (names only, no `/`); folders end with `/`. Undefined when it is not a folder. */
  list(folder: string): string[] | undefined;
}

export type OriginKind =
  /** Text a template wrote (literal template text, or the output of an action that is not a plain value). */
  | 'template'
  /** A scalar value that came verbatim from a values file / base manifest / patch / kustomization entry. */
  | 'value';

/** One range of the rendered text and where it came from. Segments are sorted by `start` and do not overlap. */
export interface Segment {
  /** Offsets in the rendered text (UTF-16, end exclusive). */
  start: number;
  end: number;
  kind: OriginKind;
  /** The file that wrote it, and the range there. */
  file: string;
  fileStart: number;
  fileEnd: number;
  /** True when rendered[start, end) equals file.text[fileStart, fileEnd): a fix may edit the origin. */
  verbatim: boolean;
  /**
   * A literal elsewhere in the same file whose text is exactly rendered[start, end): a fix writes there
   * (a Terraform variable's `default` used through `var.x`), while findings point at [fileStart, fileEnd).
   */
  fix?: { start: number; end: number };
  /**
   * The literal a value came from when it is in another file (a variable's `default` in variables.tf): shown
   * as related information; fixes edit one file, so none is carried there.
   */
  declared?: { file: string; start: number; end: number };
  /** Optional note for messages, e.g. the overlay that caused it, or "when autoscaling.enabled is true". */
  note?: string;
  /** For a `value` segment: the template action (or patch) that printed it, shown as related information. */
  via?: { file: string; start: number; end: number };
}

/** Why something could not be rendered or built; reported with rule id `render`. */
export interface RenderProblem {
  severity: 'error' | 'info';
  message: string;
  file: string;
  start: number;
  end: number;
}

export interface RenderedDocument {
  /** A name for the render, e.g. `mychart/templates/hpa.yaml` or `overlays/prod` (never shown as a file to edit). */
  name: string;
  text: string;
  segments: Segment[];
  /** Set when this is a gated template rendered with its gate forced true ("autoscaling.enabled"). */
  gate?: string;
  /**
   * Words of the rendered form → the words the user wrote, for messages (`MinSize` → `min_size` when a
   * Terraform module is read as CloudFormation).
   */
  vocabulary?: [string, string][];
  /** Rules whose findings say nothing about what the user wrote (the schema of a form the source chose). */
  ignoreRules?: string[];
}

export interface RenderResult {
  documents: RenderedDocument[];
  problems: RenderProblem[];
  /** Every file the render read (for re-rendering on change). */
  inputs: string[];
}
