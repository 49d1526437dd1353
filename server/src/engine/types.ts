/** Shared engine types. Offsets are UTF-16 character offsets, as in JavaScript strings and LSP. */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** Plain-text edits, offsets relative to the document the finding belongs to. */
  edits: TextEdit[];
  /** The same edits with LSP snippet placeholders (`${1:…}`), where the user must fill in values. */
  snippetEdits?: TextEdit[];
  /** Safe to apply without review (CLI `--fix`, fix-all on save). */
  safe: boolean;
  preferred?: boolean;
}

export interface RelatedLocation {
  /** The file; absent while the location is in the finding's own document (offsets relative to it). */
  file?: string;
  start: number;
  end: number;
  message: string;
}

/** A finding as a rule reports it: offsets relative to its own YAML document. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
  tags?: ('deprecated' | 'unnecessary')[];
  related?: RelatedLocation[];
}

/** A finding placed in a file: offsets relative to the file's text. */
export interface FileFinding extends Finding {
  file: string;
  /** Index of the YAML document (0-based) inside the file. */
  documentIndex: number;
  /** Offset of that document's first character in the file. */
  documentStart: number;
}
