/**
 * Helm's own template functions (include, tpl, required, fail, toYaml, fromYaml, toJson, fromJson, lookup, …),
 * path helpers, Sprig's random strings (one fixed value of the shape Helm prints), and the Sprig functions
 * ScaleLint does not render (time, cryptographic ones, …): those are known names (so templates parse) that give
 * an info problem and a placeholder value.
 */
import { FuncError, HelmError, type CallCx, type FuncDef } from './call';
import { ExecError } from './exec';
import { parseTemplate } from './parser';
import { slicePieces } from './out';
import { printValue, type GoValue, type Piece, type Val } from './values';
import { readYaml } from './yaml-in';
import { scalarStyle, toJson, toYaml } from './yaml-out';
import { fromPlain } from './values';

function yamlVal(a: Val): Val {
  const v = a.v;
  if (v instanceof Map || Array.isArray(v)) {
    const r = toYaml(v);
    return r.pieces.length > 0 ? { v: r.text, p: r.pieces } : { v: r.text };
  }
  const r = toYaml(v);
  if (!a.p || typeof v === 'object') return { v: r.text };
  const raw = printValue(v);
  if (typeof v === 'string' && scalarStyle(v) === 'plain' && r.text === raw) return { v: r.text, p: a.p };
  if (typeof v === 'string' && r.text.length === raw.length + 2 && r.text.slice(1, -1) === raw) return { v: r.text, p: a.p.map((p) => ({ ...p, start: p.start + 1, end: p.end + 1 })) };
  if (typeof v !== 'string' && r.text === raw) return { v: r.text, p: a.p };
  return { v: r.text };
}

/** Longest string a random-string function returns (Helm would build it; nothing a rule reads needs it). */
const MAX_RANDOM = 1_000_000;

/**
 * A random string of `count` characters from one class, as Sprig's randAlphaNum & co. Helm's output differs
 * on every render, so any string of that length and class is what Helm could print: ScaleLint prints the same
 * one every time (findings stay put) instead of an empty value and an info problem. A negative count gives ''
 * (Sprig ignores goutils' error).
 */
function randomOf(char: string): FuncDef {
  return {
    params: ['int'],
    fn: ([count]) => {
      const n = Number(count!.v as bigint);
      if (n > MAX_RANDOM) throw new FuncError(`count ${n} too large`);
      return n > 0 ? char.repeat(n) : '';
    },
  };
}

/** Sprig's random values, printed as one fixed value of the shape Helm prints (see randomOf). */
const RANDOM_FUNCS: Record<string, FuncDef> = {
  randAlphaNum: randomOf('x'),
  randAlpha: randomOf('x'),
  randNumeric: randomOf('0'),
  randAscii: randomOf('x'),
  // rand.Intn(max-min)+min: any value in [min, max); Go panics (a call error) when max <= min.
  randInt: {
    params: ['int', 'int'],
    fn: ([min, max]) => {
      if ((max!.v as bigint) <= (min!.v as bigint)) throw new FuncError('invalid argument to Intn');
      return min!.v as bigint;
    },
  },
  uuidv4: { params: [], fn: () => '00000000-0000-4000-8000-000000000000' },
};

function fromJsonText(s: string): GoValue {
  return fromPlain(JSON.parse(s));
}

function include(cx: CallCx, name: string, dot: Val): Val {
  // Go executes a template on nil data with the invalid value as dot (fields of it print nothing).
  if (dot.v === null) dot = { v: undefined };
  const out = cx.exec.newOut();
  cx.exec.runNamed(name, dot, out, cx.at, cx.scope);
  return out.toVal();
}

function tpl(cx: CallCx, textVal: Val, dot: Val): Val {
  const text = textVal.v as string;
  if (dot.v === null) dot = { v: undefined };
  const pseudo = `${cx.scope.file}#tpl`;
  const parsed = parseTemplate(pseudo, text, (n) => cx.exec.funcs.has(n));
  if (parsed.error) throw new FuncError(`cannot parse template ${JSON.stringify(text)}: ${parsed.error.message}`);
  const t = parsed.template!;
  const saved = new Map<string, ReturnType<typeof cx.exec.templates.get>>();
  for (const [name, nodes] of t.defines) {
    saved.set(name, cx.exec.templates.get(name));
    cx.exec.templates.set(name, { nodes, file: pseudo, text });
  }
  const out = cx.exec.newOut();
  cx.exec.enter('<tpl>', cx.at, cx.scope);
  try {
    cx.exec.runBody(t.root, pseudo, text, dot, out);
  } catch (e) {
    if (e instanceof ExecError && e.file === pseudo) {
      throw new FuncError(`error during tpl function execution for ${JSON.stringify(text)}: ${e.message}`);
    }
    throw e;
  } finally {
    cx.exec.leave('<tpl>');
    for (const [name, prev] of saved) {
      if (prev) cx.exec.templates.set(name, prev);
      else cx.exec.templates.delete(name);
    }
  }
  // Values printed inside keep their origins; the tpl string's own literal text keeps the string's.
  const v = out.toString();
  const pieces: Piece[] = [];
  for (const c of out.chunks) {
    if (c.kind === 'val') pieces.push({ start: c.start, end: c.end, origin: { file: c.file, start: c.fileStart, end: c.fileEnd } });
    else if (c.kind === 'lit' && c.file === pseudo) {
      for (const sp of slicePieces(textVal.p, c.fileStart, c.fileEnd) ?? []) pieces.push({ start: sp.start + c.start, end: sp.end + c.start, origin: sp.origin });
    }
  }
  return pieces.length > 0 ? { v, p: pieces } : { v };
}

function pathBase(p: string): string {
  if (p === '') return '.';
  const t = p.replace(/\/+$/, '');
  if (t === '') return '/';
  return t.slice(t.lastIndexOf('/') + 1);
}

function pathClean(p: string): string {
  if (p === '') return '.';
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(seg);
  }
  const s = (abs ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

function pathDir(p: string): string {
  const i = p.lastIndexOf('/');
  return pathClean(i < 0 ? '' : p.slice(0, i + 1));
}

function pathExt(p: string): string {
  const b = p.slice(p.lastIndexOf('/') + 1);
  const i = b.lastIndexOf('.');
  return i < 0 ? '' : b.slice(i);
}

export const HELM_FUNCS: Record<string, FuncDef> = {
  include: { params: ['string', 'any'], val: true, fn: ([n, d], cx) => include(cx, n!.v as string, d!) },
  tpl: { params: ['string', 'any'], val: true, fn: ([t, d], cx) => tpl(cx, t!, d!) },
  required: {
    params: ['string', 'any'], val: true,
    fn: ([w, v]) => {
      if (v!.v === null || v!.v === undefined || v!.v === '') throw new HelmError(w!.v as string);
      return v!;
    },
  },
  fail: { params: ['string'], fn: ([m]) => { throw new HelmError(m!.v as string); } },
  toYaml: { params: ['any'], val: true, fn: ([a]) => yamlVal(a!) },
  mustToYaml: { params: ['any'], val: true, fn: ([a]) => yamlVal(a!) },
  toYamlPretty: { params: ['any'], val: true, fn: ([a]) => yamlVal(a!) },
  fromYaml: {
    params: ['string'],
    fn: ([s]) => {
      const r = readYaml(s!.v as string);
      if (r.issues.length > 0) return new Map<string, GoValue>([['Error', `error converting YAML to JSON: ${r.issues[0]!.message}`]]);
      if (r.value === null) return new Map();
      if (!(r.value instanceof Map)) return new Map<string, GoValue>([['Error', 'error unmarshaling JSON: json: cannot unmarshal into Go value of type map[string]interface {}']]);
      return r.value;
    },
  },
  fromYamlArray: {
    params: ['string'],
    fn: ([s]) => {
      const r = readYaml(s!.v as string);
      if (r.issues.length > 0) return [`error converting YAML to JSON: ${r.issues[0]!.message}`];
      if (r.value === null) return [];
      if (!Array.isArray(r.value)) return ['error unmarshaling JSON: json: cannot unmarshal object into Go value of type []interface {}'];
      return r.value;
    },
  },
  toJson: { params: ['any'], fn: ([a]) => { try { return toJson(a!.v); } catch { return ''; } } },
  mustToJson: { params: ['any'], fn: ([a]) => { try { return toJson(a!.v); } catch (e) { throw new FuncError(String(e)); } } },
  toRawJson: { params: ['any'], fn: ([a]) => { try { return toJson(a!.v).replace(/\\u003c/g, '<').replace(/\\u003e/g, '>').replace(/\\u0026/g, '&'); } catch { return ''; } } },
  toPrettyJson: { params: ['any'], fn: ([a]) => { try { return JSON.stringify(JSON.parse(toJson(a!.v)), null, 2); } catch { return ''; } } },
  fromJson: {
    params: ['string'],
    fn: ([s]) => {
      try {
        const v = fromJsonText(s!.v as string);
        return v instanceof Map ? v : new Map<string, GoValue>([['Error', 'json: cannot unmarshal into Go value of type map[string]interface {}']]);
      } catch (e) {
        return new Map<string, GoValue>([['Error', e instanceof Error ? e.message : String(e)]]);
      }
    },
  },
  fromJsonArray: {
    params: ['string'],
    fn: ([s]) => {
      try {
        const v = fromJsonText(s!.v as string);
        return Array.isArray(v) ? v : ['json: cannot unmarshal object into Go value of type []interface {}'];
      } catch (e) {
        return [e instanceof Error ? e.message : String(e)];
      }
    },
  },
  lookup: { params: ['string', 'string', 'string', 'string'], fn: () => new Map() },
  getHostByName: { params: ['string'], fn: () => '' },
  base: { params: ['string'], fn: ([p]) => pathBase(p!.v as string) },
  dir: { params: ['string'], fn: ([p]) => pathDir(p!.v as string) },
  ext: { params: ['string'], fn: ([p]) => pathExt(p!.v as string) },
  clean: { params: ['string'], fn: ([p]) => pathClean(p!.v as string) },
  isAbs: { params: ['string'], fn: ([p]) => (p!.v as string).startsWith('/') },
  hello: { params: [], fn: () => 'Hello!' },
  ...RANDOM_FUNCS,
};

const CERT = (): GoValue => new Map<string, GoValue>([['Cert', ''], ['Key', '']]);

/** Known to Helm/Sprig but not rendered by ScaleLint: name → placeholder. */
const UNSUPPORTED: Record<string, () => GoValue> = {
  randBytes: () => '',
  now: () => '', date: () => '', dateInZone: () => '', date_in_zone: () => '', dateModify: () => '',
  mustDateModify: () => '', ago: () => '', toDate: () => '', mustToDate: () => '', unixEpoch: () => '', htmlDate: () => '',
  htmlDateInZone: () => '', duration: () => '', durationRound: () => '',
  genCA: CERT, genCAWithKey: CERT, genSelfSignedCert: CERT, genSelfSignedCertWithKey: CERT, genSignedCert: CERT,
  genSignedCertWithKey: CERT, buildCustomCert: CERT, genPrivateKey: () => '', derivePassword: () => '',
  encryptAES: () => '', decryptAES: () => '', bcrypt: () => '', htpasswd: () => '', shuffle: () => '',
  toToml: () => '', mustToToml: () => '', fromToml: () => new Map(), urlParse: () => new Map(), urlJoin: () => '',
  sha512sum: () => '', b32enc: () => '', b32dec: () => '', osBase: () => '', osDir: () => '', osExt: () => '',
  osClean: () => '', osIsAbs: () => false, randFloat: () => 0, abbrevboth: () => '',
  mustToDuration: () => '', durationSeconds: () => 0, durationMilliseconds: () => 0n, durationMicroseconds: () => 0n,
  durationNanoseconds: () => 0n, durationMinutes: () => 0, durationHours: () => 0, durationDays: () => 0, durationWeeks: () => 0,
  durationRoundTo: () => '', durationTruncateTo: () => '',
};

export function unsupportedFuncs(): Record<string, FuncDef> {
  const out: Record<string, FuncDef> = {};
  for (const [name, ph] of Object.entries(UNSUPPORTED)) out[name] = { params: [], variadic: 'any', unsupported: true, placeholder: ph() };
  return out;
}
