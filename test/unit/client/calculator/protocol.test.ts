/**
 * The calculator panel's messages: every message from the webview (and from the host) is checked,
 * type and fields, before use; the command's arguments too; and the page's CSP.
 * Run: node --import tsx --test test/unit/client/calculator/protocol.test.ts
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { calculatorHtml, makeNonce } from '../../../../client/src/calculator/html';
import { CAPACITY_FIELDS, parseHostMessage, parseNumberField, parseOpenCalculatorArgs, parseWebviewMessage } from '../../../../client/src/calculator/webview/protocol';

describe('messages from the webview', () => {
  test('the accepted messages, returned as fresh objects', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { message: { type: 'ready' } });
    assert.deepEqual(parseWebviewMessage({ type: 'useCursor' }), { message: { type: 'useCursor' } });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal' }), { message: { type: 'reveal' } });
    const values = { min: 2, desired: 5, max: 32 };
    const parsed = parseWebviewMessage({ type: 'apply', values });
    assert.deepEqual(parsed, { message: { type: 'apply', values: { min: 2, desired: 5, max: 32 } } });
    assert.ok('message' in parsed && parsed.message.type === 'apply' && parsed.message.values !== values);
    assert.deepEqual(parseWebviewMessage({ type: 'apply', values: { min: 0, desired: 0, max: 1 } }), { message: { type: 'apply', values: { min: 0, desired: 0, max: 1 } } });
  });

  const refused: [string, unknown, RegExp][] = [
    ['not an object', 'apply', /message must be an object \(got "apply"\)/],
    ['null', null, /message must be an object/],
    ['an array', [{ type: 'ready' }], /message must be an object/],
    ['no type', {}, /unknown message type undefined/],
    ['an unknown type', { type: 'runCommand', command: 'workbench.action.terminal.new' }, /unknown message type "runCommand"/],
    ['a type that is not a string', { type: ['apply'] }, /unknown message type \["apply"\]/],
    ['extra fields', { type: 'ready', script: 'x' }, /"ready" message: unexpected field "script"/],
    ['apply without values', { type: 'apply' }, /"apply" message: missing field "values"/],
    ['values not an object', { type: 'apply', values: [2, 5, 32] }, /values must be an object/],
    ['a value missing', { type: 'apply', values: { min: 2, max: 32 } }, /values: missing field "desired"/],
    ['an extra value', { type: 'apply', values: { min: 2, desired: 5, max: 32, path: '/etc/passwd' } }, /values: unexpected field "path"/],
    ['a string number', { type: 'apply', values: { min: '2', desired: 5, max: 32 } }, /values.min must be a whole number from 0 to 2147483647 \(got "2"\)/],
    ['a fraction', { type: 'apply', values: { min: 2, desired: 5.5, max: 32 } }, /values.desired must be a whole number/],
    ['a negative', { type: 'apply', values: { min: -1, desired: 5, max: 32 } }, /values.min must be a whole number/],
    ['NaN', { type: 'apply', values: { min: 2, desired: 5, max: Number.NaN } }, /values.max must be a whole number/],
    ['Infinity', { type: 'apply', values: { min: 2, desired: 5, max: Infinity } }, /values.max must be a whole number/],
    ['too large', { type: 'apply', values: { min: 2, desired: 5, max: 2 ** 31 } }, /values.max must be a whole number/],
    ['min above max', { type: 'apply', values: { min: 40, desired: 40, max: 32 } }, /min \(40\) is above max \(32\)/],
    ['desired outside', { type: 'apply', values: { min: 2, desired: 40, max: 32 } }, /desired \(40\) is outside 2–32/],
  ];
  for (const [name, raw, why] of refused) {
    test(`refused: ${name}`, () => {
      const parsed = parseWebviewMessage(raw);
      assert.ok('error' in parsed, `expected a refusal, got ${JSON.stringify(parsed)}`);
      assert.match(parsed.error, why);
    });
  }

  test('a huge value is shown shortened in the reason', () => {
    const parsed = parseWebviewMessage({ type: 'apply', values: { min: 'x'.repeat(10000), desired: 1, max: 2 } });
    assert.ok('error' in parsed && parsed.error.length < 200);
  });
});

describe('messages from the host', () => {
  const target = { kind: 'HorizontalPodAutoscaler', name: 'web', location: 'web.yaml, line 1', fields: { min: 'minReplicas', max: 'maxReplicas' }, current: { min: 2 } };

  test('accepted', () => {
    assert.deepEqual(parseHostMessage({ type: 'target', target }), { message: { type: 'target', target: { ...target, current: { min: 2, desired: undefined, max: undefined }, manifest: undefined } } });
    assert.deepEqual(parseHostMessage({ type: 'target', target: null, reason: 'none here' }), { message: { type: 'target', target: null, reason: 'none here' } });
    assert.deepEqual(parseHostMessage({ type: 'applied', ok: false, message: 'read-only' }), { message: { type: 'applied', ok: false, message: 'read-only' } });
    // The rendered forms of Terraform and scripts (SPEC §9), with their fields in the user's words.
    for (const [kind, fields] of [
      ['ScalableTarget', { min: 'min_capacity', max: 'max_capacity' }],
      ['GCPAutoscaler', { min: 'min_replicas', max: 'max_replicas' }],
      ['AzureAutoscaleSetting', { min: 'capacity.minimum', desired: 'capacity.default', max: 'capacity.maximum' }],
    ] as const) {
      const parsed = parseHostMessage({ type: 'target', target: { ...target, kind, fields } });
      assert.ok('message' in parsed && parsed.message.type === 'target' && parsed.message.target?.kind === kind, JSON.stringify(parsed));
    }
  });

  test('refused', () => {
    for (const raw of [
      undefined,
      { type: 'target' },
      { type: 'target', target: { ...target, kind: 'Deployment' } },
      { type: 'target', target: { ...target, current: { min: -1 } } },
      { type: 'target', target: { ...target, fields: { min: 'minReplicas' } } },
      { type: 'target', target: { ...target, evil: true } },
      { type: 'target', target: null, reason: 3 },
      { type: 'applied', ok: 'yes', message: 'x' },
      { type: 'applied', ok: true },
      { type: 'eval', code: '1' },
    ]) {
      assert.ok('error' in parseHostMessage(raw), JSON.stringify(raw));
    }
  });
});

describe('the command arguments (from the code lens)', () => {
  test('{uri, range} as the server sends it, or none from the palette', () => {
    const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } };
    assert.deepEqual(parseOpenCalculatorArgs({ uri: 'file:///w/hpa.yaml', range }), { uri: 'file:///w/hpa.yaml', line: 3, character: 0 });
    assert.deepEqual(parseOpenCalculatorArgs({ uri: 'file:///w/hpa.yaml', position: { line: 1, character: 2 } }), { uri: 'file:///w/hpa.yaml', line: 1, character: 2 });
    assert.equal(parseOpenCalculatorArgs(undefined), undefined);
  });

  test('anything else is an error', () => {
    for (const raw of ['file:///x', { uri: '' }, { uri: 'file:///x' }, { uri: 'file:///x', range: { start: { line: -1, character: 0 } } }, { uri: 3, range: { start: { line: 0, character: 0 } } }]) {
      const parsed = parseOpenCalculatorArgs(raw);
      assert.ok(parsed && 'error' in parsed, JSON.stringify(raw));
    }
  });
});

describe('form fields', () => {
  test('numbers, empty, and clear refusals', () => {
    assert.equal(parseNumberField(' 100 '), 100);
    assert.equal(parseNumberField('12.5'), 12.5);
    assert.equal(parseNumberField('.5'), 0.5);
    assert.equal(parseNumberField('1e3'), 1000);
    assert.equal(parseNumberField(''), undefined);
    assert.equal(parseNumberField('   '), undefined);
    assert.deepEqual(parseNumberField('1,000'), { error: '"1,000" is not a number: write digits, with a dot for decimals (e.g. 12.5).' });
    assert.ok(typeof parseNumberField('100 req/s') === 'object');
    assert.ok(typeof parseNumberField('0x10') === 'object');
    assert.deepEqual(parseNumberField('1e999'), { error: '"1e999" is too large.' });
  });

  test('the fields are the engine input keys, each once', () => {
    const keys = CAPACITY_FIELDS.map((f) => f.key);
    assert.deepEqual(keys, ['currentLoad', 'currentInstances', 'perInstanceCapacity', 'targetLoad', 'bufferPercent', 'offPeakLoad', 'normalLoad', 'haFloor', 'costCeiling']);
  });
});

describe('the page', () => {
  const html = calculatorHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'abcDEF123', scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/client/out/calculator.js', styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/client/out/calculator.css' });

  test('CSP: nothing by default, the script by nonce, no inline style or eval, no remote origin', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    assert.equal(
      csp,
      "default-src 'none'; style-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net data:; font-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abcDEF123'",
    );
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]), ['<script nonce="abcDEF123" src="https://file+.vscode-resource.vscode-cdn.net/ext/client/out/calculator.js">']);
    assert.doesNotMatch(html, /\sstyle="/);
    assert.doesNotMatch(html, /<style/);
    assert.doesNotMatch(html, /\son[a-z]+="/, 'no inline event handlers');
  });

  test('every input has a label and an error slot', () => {
    for (const f of CAPACITY_FIELDS) {
      assert.match(html, new RegExp(`<label for="${f.key}">`));
      assert.match(html, new RegExp(`aria-describedby="${f.key}-error"`));
    }
  });

  test('values are escaped into attributes', () => {
    const page = calculatorHtml({ cspSource: 'x', nonce: 'n', scriptUri: '"><script>alert(1)</script>', styleUri: 's' });
    assert.doesNotMatch(page, /<script>alert/);
  });

  test('nonces are 32 characters of [A-Za-z0-9], fresh each time', () => {
    const a = makeNonce();
    assert.match(a, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(a, makeNonce());
  });
});
