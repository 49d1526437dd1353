/**
 * Which files are YAML inputs and which folders are never entered: one answer for the CLI's folder walk
 * and the editor's workspace index. Names are matched on the last segment of a path or URI.
 */
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

/** The per-folder config file (node/config-files.ts): never linted itself. */
export const CONFIG_FILE_NAME = '.scalelint.yaml';

/** Folders a walk never enters (SPEC §6). */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git']);

function nameOf(uriOrPath: string): string {
  const noQuery = uriOrPath.replace(/[?#].*$/, '');
  return noQuery.slice(noQuery.replace(/\\/g, '/').lastIndexOf('/') + 1);
}

export function isConfigFile(uriOrPath: string): boolean {
  return nameOf(uriOrPath) === CONFIG_FILE_NAME;
}

export function isYamlName(uriOrPath: string): boolean {
  return /\.ya?ml$/i.test(nameOf(uriOrPath));
}

/** A YAML file to lint: a `.yaml`/`.yml` name that is not the config file, or kustomize's extension-less `Kustomization`. */
function isLintableName(uriOrPath: string): boolean {
  return (isYamlName(uriOrPath) && !isConfigFile(uriOrPath)) || nameOf(uriOrPath) === 'Kustomization';
}

/** A `.json` name that is not Terraform's `.tf.json`: a candidate CloudFormation template. */
export function isJsonName(uriOrPath: string): boolean {
  return /\.json$/i.test(nameOf(uriOrPath)) && !/\.tf\.json$/i.test(nameOf(uriOrPath));
}

/** How much of a `.json` file is read to tell a CloudFormation template from other JSON. */
export const JSON_SNIFF_BYTES = 8192;

/**
 * Whether the start of a JSON text is a CloudFormation template: it names `"AWSTemplateFormatVersion"`, or
 * has `"Resources"` and a `"Type": "AWS::…"`. package.json, tsconfig.json, a dashboard or a Terraform plan
 * have neither. Both keys sit near the top of a template in practice; one that lists hundreds of Parameters
 * first and has no format version is missed (and not linted), never misread.
 */
export function looksLikeCloudFormationJson(head: string): boolean {
  if (/"AWSTemplateFormatVersion"\s*:/.test(head)) return true;
  return /"Resources"\s*:\s*\{/.test(head) && /"Type"\s*:\s*"AWS::/.test(head);
}

/** The first JSON_SNIFF_BYTES of a file (decoded as UTF-8; a split character at the end does not matter here). */
function headOf(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(JSON_SNIFF_BYTES);
    const n = readSync(fd, buf, 0, JSON_SNIFF_BYTES, 0);
    return buf.toString('utf8', 0, n);
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The same, without blocking (the editor's workspace index). */
async function headOfAsync(path: string): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const buf = Buffer.alloc(JSON_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, JSON_SNIFF_BYTES, 0);
    return buf.toString('utf8', 0, bytesRead);
  } catch {
    return '';
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * The one answer, for the CLI's folder walk and the workspace index alike, to "is this file linted as YAML":
 * `.yaml`/`.yml` (not the config file), kustomize's `Kustomization`, and `.json` files whose first bytes
 * are a CloudFormation template (JSON is YAML: the same parser reads them). A name that can never qualify is
 * answered without reading the file.
 */
export function isLintableFile(path: string): boolean {
  if (isLintableName(path)) return true;
  return isJsonName(path) && looksLikeCloudFormationJson(headOf(path));
}

export async function isLintableFileAsync(path: string): Promise<boolean> {
  if (isLintableName(path)) return true;
  return isJsonName(path) && looksLikeCloudFormationJson(await headOfAsync(path));
}

/** Whether a file may be an input by its name alone (YAML, or JSON to sniff): for file watchers and cheap filters. */
export function isCandidateName(uriOrPath: string): boolean {
  return isYamlName(uriOrPath) || isJsonName(uriOrPath) || nameOf(uriOrPath) === 'Kustomization';
}

/** A file of another input format of SPEC §9: Terraform (`.tf`, `.tf.json`) or a shell script (`.sh`, `.bash`). */
export function isOtherSourceName(uriOrPath: string): boolean {
  return /\.(?:tf|tf\.json|sh|bash)$/i.test(nameOf(uriOrPath));
}

/**
 * The lintable files under `dir` (YAML, and CloudFormation JSON templates: isLintableFile; with `otherSources`, Terraform and shell files too), depth first in
 * name order (so reports are stable), skipping SKIPPED_DIRECTORIES. A folder that cannot be read calls `unreadable`, which may throw to stop the walk.
 */
export function walkYamlFiles(dir: string, unreadable: (dir: string, err: unknown) => void, options: { otherSources?: boolean } = {}): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    let entries: string[];
    try {
      entries = readdirSync(folder).sort();
    } catch (err) {
      unreadable(folder, err);
      return;
    }
    for (const name of entries) {
      const path = join(folder, name);
      let isDirectory: boolean;
      try {
        isDirectory = statSync(path).isDirectory();
      } catch {
        continue; // a dangling symlink inside a walked folder is not an input the user named
      }
      if (isDirectory) {
        if (!SKIPPED_DIRECTORIES.has(name)) walk(path);
      } else if (isLintableFile(path) || (options.otherSources && isOtherSourceName(name))) out.push(path);
    }
  };
  walk(dir);
  return out;
}
