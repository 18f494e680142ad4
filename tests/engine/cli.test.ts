/**
 * The real `tenderlens` command, spawned as a person runs it (`node scripts/tenderlens.mjs …`),
 * on small files: Cardinal's conformance fixtures through `indicators`, a CSV with planted flags
 * through `flags`, bad input, and the same flags from both engines.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSettingsIni } from '../../src/flags/cardinal/settings';
import { describeWithShared, REPO_ROOT, sharedAvailable, sharedPath } from '../support/shared';

const CLI = path.join(REPO_ROOT, 'scripts', 'tenderlens.mjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function tenderlens(args: string[], cwd = REPO_ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, maxBuffer: 64 << 20, timeout: 110_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

interface FlagLine {
  dataset_id: string;
  entity_type: string;
  entity_id: string;
  code: string;
  value: number | null;
  evidence: Record<string, unknown>;
}

const jsonLines = (text: string): FlagLine[] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as FlagLine);

/** Numbers rounded to 12 significant digits, recursively (sums are summed in a different order per engine). */
function roundDeep(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? Number(v.toPrecision(12)) : v;
  if (Array.isArray(v)) return v.map(roundDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundDeep(x)]));
  return v;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tenderlens-cli-test-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Seven purchases, semicolon-separated, amounts with space grouping and a decimal comma under a
 * Russian header: P3 is an open tender with one bidder (R018); P5 and P6 are the same buyer,
 * supplier, item, amount and day (TL-DUPLICATE). Too few purchases per buyer for the buyer-level
 * flags, no tender dates, unit prices or registration dates, so nothing else can fire.
 */
const PLANTED = `purchase_id;buyer_id;supplier_id;method;n_bidders;item_code;Сумма договора;signed_date
P1;B1;S1;open;3;111;1 250 000,00;2024-02-01
P2;B1;S2;open;4;112;310 000,50;2024-03-05
P3;B1;S3;open;1;113;990 000,00;2024-04-10
P4;B2;S1;open;2;111;75 000,00;2024-05-20
P5;B2;S4;open;5;114;42 000,00;2024-06-11
P6;B2;S4;open;5;114;42 000,00;2024-06-11
P7;B2;S5;open;3;115;18 500,00;2024-07-01
`;

/**
 * A deterministic 400-row file in which several buyer- and purchase-level flags fire: buyer B0 buys
 * mostly by direct award from one supplier and signs a lot in late December; items have unit
 * prices with one far outlier; tender periods are sometimes short.
 */
function richCsv(): string {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const lines = [
    'purchase_id,buyer_id,supplier_id,method,n_bidders,item_code,quantity,unit_price,amount,signed_date,tender_start,tender_end',
  ];
  for (let i = 0; i < 400; i++) {
    const buyer = `B${i % 4}`;
    const direct = buyer === 'B0' ? rnd() < 0.8 : rnd() < 0.1;
    const supplier = buyer === 'B0' && rnd() < 0.7 ? 'S0' : `S${1 + Math.floor(rnd() * 20)}`;
    const item = `I${Math.floor(rnd() * 5)}`;
    const qty = 1 + Math.floor(rnd() * 50);
    const price = i === 7 ? 90_000 : Math.round((100 + Number(item.slice(1)) * 50) * (0.8 + rnd() * 0.4) * 100) / 100;
    const month = buyer === 'B0' && rnd() < 0.5 ? 12 : 1 + Math.floor(rnd() * 12);
    const day = month === 12 && buyer === 'B0' ? 25 + Math.floor(rnd() * 5) : 1 + Math.floor(rnd() * 27);
    const signed = `2023-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const open = direct ? '' : `2023-01-0${1 + Math.floor(rnd() * 3)}`;
    const close = direct ? '' : `2023-01-${String(5 + Math.floor(rnd() * 25)).padStart(2, '0')}`;
    const bidders = direct ? 1 : 1 + Math.floor(rnd() * 6);
    lines.push(
      [
        `R${i}`,
        buyer,
        supplier,
        direct ? 'direct' : 'open',
        bidders,
        item,
        qty,
        price,
        (qty * price).toFixed(2),
        signed,
        open,
        close,
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

describe('tenderlens (command line)', () => {
  it('prints help and runs from any working directory', async () => {
    const r = await tenderlens(['--help'], os.tmpdir());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: tenderlens <command>/);
    const f = await tenderlens(['flags', '--help']);
    expect(f.code).toBe(0);
    expect(f.stdout).toMatch(/--sector state\|quasi_public/);
  });

  it('flags: finds exactly the planted single bid and duplicate, with evidence', async () => {
    const file = path.join(dir, 'planted.csv');
    writeFileSync(file, PLANTED);
    const r = await tenderlens(['flags', file, '--sector', 'state', '--severity', 'low']);
    expect(r.stderr).toMatch(/7 read, 7 imported, 0 rejected/);
    expect(r.code).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows.map((x) => `${x.code} ${x.entity_id}`)).toEqual(['R018 P3', 'TL-DUPLICATE P5', 'TL-DUPLICATE P6']);
    expect(rows[0]).toMatchObject({
      dataset_id: 'planted',
      entity_type: 'purchase',
      value: 1,
      evidence: { n_bidders: 1, method: 'open' },
    });
    expect(rows[1].evidence).toMatchObject({ copies: 2, purchase_ids: ['P5', 'P6'], amount: 42000, signed_date: '2024-06-11' });
    // Not computable is reported, never silently zero.
    expect(r.stderr).toMatch(/R003\s+not computable on "planted": missing tender_start, tender_end/);
  });

  it('flags --format csv: a header and the same rows', async () => {
    const file = path.join(dir, 'planted.csv');
    writeFileSync(file, PLANTED);
    const r = await tenderlens(['flags', file, '--format', 'csv', '-q', '--severity', 'low']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // A BOM first, so Excel reads the file as UTF-8 (trim() below would also drop it).
    expect(r.stdout.startsWith('\ufeffdataset_id,')).toBe(true);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('dataset_id,entity_type,entity_id,code,value,strength,severity,evidence');
    expect(lines[1]).toMatch(/^planted,purchase,P3,R018,1,[0-9.]+,(low|medium|high),"\{""n_bidders"":1,/);
    expect(lines).toHaveLength(4);
  });

  it('flags --summary: the flag-rate table per flag and severity; --severity refuses an unknown word', async () => {
    const file = path.join(dir, 'planted.csv');
    writeFileSync(file, PLANTED);
    const r = await tenderlens(['flags', file, '--summary', '--format', 'json', '-q']);
    expect(r.code).toBe(0);
    const rows = jsonLines(r.stdout) as unknown as Record<string, unknown>[];
    const dup = rows.filter((x) => x.code === 'TL-DUPLICATE');
    expect(dup.map((x) => x.severity)).toEqual(['high', 'medium', 'low']);
    expect(dup.reduce((a, x) => a + (x.entities as number), 0)).toBe(2);
    expect(dup.find((x) => x.entities === 2)).toMatchObject({ purchases: 2, purchase_share: 2 / 7 });
    const table = await tenderlens(['flags', file, '--summary', '-q']);
    expect(table.stdout).toMatch(/^dataset planted\ncode\s+severity\s+entities/);
    const bad = await tenderlens(['flags', file, '--severity', 'severe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--severity must be high, medium or low/);
  });

  it('flags --mapping: names the columns whose headers say nothing; an unknown field exits 2', async () => {
    const file = path.join(dir, 'divisions.csv');
    writeFileSync(file, 'Ref,Division,Vendor,Award,When\nA1,Water,V1,100,2024-01-05\nA2,Water,V2,200,2024-02-05\n');
    const mapping = path.join(dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ buyer_id: 'Division', supplier_id: 'Vendor', amount: 'Award', signed_date: 'When' }));
    const r = await tenderlens(['flags', file, '--mapping', mapping, '--summary']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/R040\s+not computable/);
    expect(r.stdout).toMatch(/R040/);
    writeFileSync(mapping, JSON.stringify({ division: 'Division' }));
    const bad = await tenderlens(['flags', file, '--mapping', mapping]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown field "division"/);
  });

  it('flags --timings: one JSON line of phase timings on stderr, even with -q', async () => {
    const file = path.join(dir, 'planted.csv');
    writeFileSync(file, PLANTED);
    const r = await tenderlens(['flags', file, '-q', '--timings', '--severity', 'low']);
    expect(r.code).toBe(0);
    // The flags on stdout are unchanged by the option.
    expect(jsonLines(r.stdout).map((x) => `${x.code} ${x.entity_id}`)).toEqual(['R018 P3', 'TL-DUPLICATE P5', 'TL-DUPLICATE P6']);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^timings \{/);
    const t = JSON.parse(lines[0].slice('timings '.length)) as Record<string, unknown>;
    expect(t).toMatchObject({ engine: 'native', rows_imported: 7, flag_rows: 3 });
    expect(t.threads).toBeGreaterThanOrEqual(1);
    for (const k of [
      'import_ms',
      'flags_ms',
      'risk_score_ms',
      'output_ms',
      'total_ms',
      'cpu_user_ms',
      'cpu_system_ms',
      'peak_rss_mb',
    ]) {
      expect(typeof t[k], k).toBe('number');
      expect(t[k] as number, k).toBeGreaterThanOrEqual(0);
    }
    // The phases happen one after another inside the total; a process running DuckDB holds some memory.
    expect(
      (t.import_ms as number) + (t.flags_ms as number) + (t.risk_score_ms as number) + (t.output_ms as number),
    ).toBeLessThanOrEqual(t.total_ms as number);
    expect(t.peak_rss_mb as number).toBeGreaterThan(10);
    expect(t.load_avg).toHaveLength(3);
    const help = await tenderlens(['flags', '--help']);
    expect(help.stdout).toMatch(/--timings/);
  });

  it('flags: --settings parameters reach the flags, bad ones exit 2', async () => {
    const csv = richCsv();
    const file = path.join(dir, 'rich.csv');
    writeFileSync(file, csv);
    // R003 by hand: open tenders whose submission period is shorter than the threshold in whole days.
    const shortOpen = (minDays: number) =>
      csv
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .filter((c) => c[3] === 'open' && (Date.parse(c[11]) - Date.parse(c[10])) / 864e5 < minDays)
        .map((c) => c[0])
        .sort();
    const settings = path.join(dir, 'r003.json');
    const r003 = async (minDays: number) => {
      writeFileSync(settings, JSON.stringify({ R003: { min_days_open: minDays } }));
      const r = await tenderlens(['flags', file, '--settings', settings, '-q', '--severity', 'low']);
      expect(r.code, r.stderr).toBe(0);
      return jsonLines(r.stdout)
        .filter((x) => x.code === 'R003')
        .map((x) => x.entity_id)
        .sort();
    };
    expect(shortOpen(10).length).toBeGreaterThan(0);
    expect(await r003(10)).toEqual(shortOpen(10));
    expect(await r003(20)).toEqual(shortOpen(20));
    writeFileSync(settings, JSON.stringify({ R003: { min_days: 0 } }));
    const bad = await tenderlens(['flags', file, '--settings', settings]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/R003\.min_days: is not a parameter of this flag/);
    writeFileSync(settings, JSON.stringify({ R999: {} }));
    const unknown = await tenderlens(['flags', file, '--settings', settings]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown flag code "R999"/);
  });

  it('both engines give the same flags on the same file', async () => {
    const file = path.join(dir, 'rich.csv');
    writeFileSync(file, richCsv());
    const [native, wasm] = await Promise.all([
      tenderlens(['flags', file, '--engine', 'native']),
      tenderlens(['flags', file, '--engine', 'wasm']),
    ]);
    expect(native.code, native.stderr).toBe(0);
    expect(wasm.code, wasm.stderr).toBe(0);
    expect(native.stderr).toMatch(/engine native/);
    expect(wasm.stderr).toMatch(/engine node-wasm/);
    const a = jsonLines(native.stdout);
    const b = jsonLines(wasm.stdout);
    // A meaningful comparison needs several kinds of flag.
    expect(new Set(a.map((x) => x.code)).size).toBeGreaterThanOrEqual(4);
    // Multi-threaded native sums may differ from wasm in the last bit: compare to 12 significant digits.
    expect(a.length).toBe(b.length);
    expect(roundDeep(a)).toEqual(roundDeep(b));
  });

  describe('bad input: exit status 2 and a message', () => {
    const cases: [string, () => string[], RegExp][] = [
      ['a missing file', () => ['flags', path.join(dir, 'nope.csv')], /nope\.csv: no such file/],
      [
        'a binary file',
        () => {
          const f = path.join(dir, 'binary.csv');
          writeFileSync(
            f,
            Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256),
          );
          return ['flags', f];
        },
        /binary\.csv: not a text table/,
      ],
      [
        'a CSV without an amount column',
        () => {
          const f = path.join(dir, 'noamount.csv');
          writeFileSync(f, 'buyer,supplier\nB1,S1\n');
          return ['flags', f];
        },
        /no column found for the required field amount\.\n\s+Columns in the file: "buyer", "supplier"/,
      ],
      [
        'an unknown --sector',
        () => ['flags', path.join(dir, 'x.csv'), '--sector', 'private'],
        /--sector must be state or quasi_public/,
      ],
      ['an unknown option', () => ['flags', '--bogus'], /Unknown option '--bogus'/],
      ['an unknown command', () => ['score'], /unknown command "score"/],
      [
        'invalid JSON on a line',
        () => {
          const f = path.join(dir, 'bad.jsonl');
          writeFileSync(f, '{"ocid": "a"}\n\n{"ocid": \n');
          return ['indicators', f];
        },
        /bad\.jsonl:3: invalid JSON on line 3/,
      ],
      [
        'a JSON array instead of JSON Lines',
        () => {
          const f = path.join(dir, 'array.json');
          writeFileSync(f, '[{"ocid": "a"}]');
          return ['indicators', f];
        },
        /expected JSON Lines .*found a JSON array/,
      ],
      [
        'a settings file with an unknown section',
        () => {
          const f = path.join(dir, 'ok.jsonl');
          writeFileSync(f, '{"ocid": "a"}\n');
          const ini = path.join(dir, 'bad.ini');
          writeFileSync(ini, '[R003]\nthreshold = 10\n\n[R999]\n');
          return ['indicators', f, '--settings', ini];
        },
        /bad\.ini: line 4: unknown section \[R999\]/,
      ],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const r = await tenderlens(args());
        expect(r.stderr).toMatch(message);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
      });
    }
  });
});

const FIXTURE_DIR = sharedPath('conformance', 'cardinal', 'indicators');
const FIXTURES = sharedAvailable()
  ? readdirSync(FIXTURE_DIR)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => f.slice(0, -6))
      .sort()
  : [];
const GROUPS = ['OCID', 'Buyer', 'ProcuringEntity', 'Tenderer'] as const;
type Groups = Partial<Record<string, Record<string, Record<string, number>>>>;

describeWithShared('tenderlens indicators on Cardinal conformance fixtures', () => {
  it('finds the fixtures', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(15);
  });
  for (const name of FIXTURES) {
    it.concurrent(name, async () => {
      const ini = path.join(dir, `${name}.ini`);
      writeFileSync(ini, fixtureSettingsIni(name));
      const r = await tenderlens(['indicators', path.join(FIXTURE_DIR, `${name}.jsonl`), '--settings', ini]);
      expect(r.code, r.stderr).toBe(0);
      const got = JSON.parse(r.stdout) as Groups;
      const expected = JSON.parse(readFileSync(path.join(FIXTURE_DIR, `${name}.expected`), 'utf8')) as Groups;
      for (const g of GROUPS) {
        const a = got[g] ?? {};
        const e = expected[g] ?? {};
        expect(Object.keys(a).sort(), `${g} ids`).toEqual(Object.keys(e).sort());
        for (const id of Object.keys(e)) {
          expect(Object.keys(a[id]).sort()).toEqual(Object.keys(e[id]).sort());
          for (const code of Object.keys(e[id])) expect(a[id][code], `${g}/${id}/${code}`).toBeCloseTo(e[id][code], 9);
        }
      }
      // Only Cardinal's keys (Meta optional), nothing else.
      expect(Object.keys(got).every((k) => (GROUPS as readonly string[]).includes(k) || k === 'Meta')).toBe(true);
    });
  }

  it('--no-meta leaves out Meta', async () => {
    const ini = path.join(dir, 'R024-meta.ini');
    writeFileSync(ini, fixtureSettingsIni('R024'));
    const file = path.join(FIXTURE_DIR, 'R024.jsonl');
    const withMeta = JSON.parse((await tenderlens(['indicators', file, '--settings', ini, '-q'])).stdout) as Record<
      string,
      unknown
    >;
    const without = JSON.parse((await tenderlens(['indicators', file, '--settings', ini, '-q', '--no-meta'])).stdout) as Record<
      string,
      unknown
    >;
    expect(withMeta.Meta).toBeDefined();
    expect(without.Meta).toBeUndefined();
    expect({ ...withMeta, Meta: undefined }).toEqual({ ...without, Meta: undefined });
  });
});
