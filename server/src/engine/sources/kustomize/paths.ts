/** Workspace-relative paths with `/` separators; '' is the workspace root. */

export function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export function join(dir: string, rel: string): string {
  if (rel.startsWith('/')) return normalize(rel);
  return normalize(dir === '' ? rel : `${dir}/${rel}`);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** True when `path` is `dir` or below it. */
export function isWithin(path: string, dir: string): boolean {
  if (path.startsWith('../') || path === '..') return false;
  return dir === '' || path === dir || path.startsWith(dir + '/');
}

/** A resource or component that kustomize would fetch (URL, git repository). */
export function isRemote(path: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith('git@') || path.startsWith('git::') ||
    /^(github\.com|gitlab\.com|bitbucket\.org)[/:]/.test(path) || path.includes('?ref=') || path.includes('?version=')
  );
}

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
