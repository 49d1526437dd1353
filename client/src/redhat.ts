/**
 * Beside Red Hat's YAML extension (redhat.vscode-yaml). When it is installed and validates Kubernetes
 * files (`yaml.schemas` associates its `kubernetes` schema, `yaml.validate` is on), it reports wrong
 * types, values and missing fields of the built-in kinds and describes and completes their fields:
 * the server is told to leave those to it (`scalelint.besideRedHatYaml`, see README).
 */
import { extensions, workspace } from 'vscode';

export const RED_HAT_YAML = 'redhat.vscode-yaml';

export function redHatValidatesKubernetes(): boolean {
  if (!extensions.getExtension(RED_HAT_YAML)) return false;
  const yaml = workspace.getConfiguration('yaml');
  if (yaml.get<boolean>('validate') === false) return false;
  const schemas = yaml.get<Record<string, unknown>>('schemas') ?? {};
  // The key is a schema (a URL, or the name `kubernetes` for its built-in one); the value, globs.
  return Object.keys(schemas).some((schema) => schema.toLowerCase() === 'kubernetes' || /kubernetes-json-schema/i.test(schema));
}

/** Whether the server should leave built-in kinds' schema problems, hover and completion to Red Hat's extension. */
export function deferToRedHat(): boolean {
  const mode = workspace.getConfiguration('scalelint').get<string>('besideRedHatYaml', 'auto');
  if (mode === 'defer') return true;
  if (mode === 'full') return false;
  return redHatValidatesKubernetes();
}
