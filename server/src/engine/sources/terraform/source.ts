/**
 * The Terraform source as the lint set sees it: the folders of the `.tf` / `.tf.json` files given, each
 * read whole as one module (a module is a folder), rendered for the rules (render.ts), its syntax
 * problems reported with rule `render`.
 */
import type { FileReader, RenderProblem, RenderResult } from '../rendered';
import { isTerraformPath, parseTerraformModule, type TerraformFile } from './index';
import { renderTerraformModuleAsYaml } from './render';
import type { HclSyntaxParser } from './syntax';

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The module folders of some files, each with its Terraform files (those given, and the rest of the folder). */
export function terraformModules(reader: FileReader, files: readonly string[]): Map<string, string[]> {
  const modules = new Map<string, Set<string>>();
  for (const f of files) {
    if (!isTerraformPath(f)) continue;
    const folder = folderOf(f);
    let set = modules.get(folder);
    if (!set) {
      set = new Set();
      modules.set(folder, set);
      for (const name of reader.list(folder) ?? []) if (!name.endsWith('/') && isTerraformPath(name)) set.add(folder === '' ? name : `${folder}/${name}`);
    }
    set.add(f);
  }
  return new Map([...modules].map(([folder, set]) => [folder, [...set].sort()]));
}

/** Renders one module; without a parser (the host could not load it), says so once on its first file. */
export function renderTerraformModule(reader: FileReader, folder: string, paths: readonly string[], parser: HclSyntaxParser | undefined): RenderResult {
  const files: TerraformFile[] = [];
  const problems: RenderProblem[] = [];
  for (const path of paths) {
    const text = reader.read(path);
    if (text !== undefined) files.push({ path, text });
  }
  if (!parser) {
    const first = files[0];
    if (first) problems.push({ severity: 'error', file: first.path, start: 0, end: Math.min(1, first.text.length), message: 'The Terraform parser could not be loaded, so this module was not checked.' });
    return { documents: [], problems, inputs: [...paths] };
  }
  const module = parseTerraformModule(files, parser);
  for (const p of module.problems) problems.push({ severity: p.severity === 'error' ? 'error' : 'info', file: p.file, start: p.start, end: p.end, message: p.message });
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const doc = renderTerraformModuleAsYaml(module, texts, folder === '' ? '(terraform)' : `${folder} (terraform)`);
  return { documents: doc ? [doc] : [], problems, inputs: [...paths] };
}
