/** The status bar item: the current file's ScaleLint errors and warnings; a click opens the Problems view. */
import { DiagnosticSeverity, languages, StatusBarAlignment, window, type Disposable, type StatusBarItem, type Uri } from 'vscode';
import { SCALELINT } from '../../server/src/protocol';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countsFor(uri: Uri): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of languages.getDiagnostics(uri)) {
    if (d.source !== SCALELINT) continue;
    if (d.severity === DiagnosticSeverity.Error) counts.errors++;
    else if (d.severity === DiagnosticSeverity.Warning) counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export class ScaleLintStatus implements Disposable {
  readonly item: StatusBarItem;
  private readonly subscriptions: Disposable[];

  constructor() {
    this.item = window.createStatusBarItem('scalelint.status', StatusBarAlignment.Right, 100);
    this.item.name = 'ScaleLint';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions = [
      window.onDidChangeActiveTextEditor(() => this.update()),
      languages.onDidChangeDiagnostics((e) => {
        const current = window.activeTextEditor?.document.uri.toString();
        if (current && e.uris.some((u) => u.toString() === current)) this.update();
      }),
    ];
    this.update();
  }

  update(): void {
    const doc = window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'yaml') {
      this.item.hide();
      return;
    }
    const c = countsFor(doc.uri);
    this.item.text = c.errors || c.warnings ? `$(error) ${c.errors} $(warning) ${c.warnings} ScaleLint` : '$(check) ScaleLint';
    const infos = c.infos ? `, ${plural(c.infos, 'info')}` : '';
    this.item.tooltip = `ScaleLint: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}${infos} in this file. Click to open the Problems view.`;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
