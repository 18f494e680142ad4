/**
 * Times loadCsv on a synthetic 1 M-row Russian-style CSV (`;`, decimal comma, no-break-space
 * thousands, dd.mm.yyyy, method names) in DuckDB-wasm for Node, against a bare
 * `read_csv(..., all_varchar=true)` of the same file. Not a test.
 *   npx tsx scripts/bench/ingest-csv.ts [rows]
 */
import { NodeWasmEngine } from '../../src/engine/node';
import { createModel } from '../../src/model/schema';
import { loadCsv } from '../../src/ingest/csv';
import { autoMap } from '../../src/ingest/mapping';

const N = Number(process.argv[2] ?? 1_000_000);
const methods = [
  'Открытый конкурс',
  'Запрос ценовых предложений',
  'Из одного источника путем прямого заключения договора',
  'Электронный магазин',
  'Аукцион',
];
const header =
  'Номер договора;Наименование заказчика;БИН заказчика;Поставщик;БИН/ИИН поставщика;Способ закупки;Сумма договора;Дата заключения договора;Количество';
const lines: string[] = [header];
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
for (let i = 0; i < N; i++) {
  const amount = Math.floor(rnd() * 1e9) / 100;
  const [whole, frac] = amount.toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const d = 1 + Math.floor(rnd() * 28);
  const m = 1 + Math.floor(rnd() * 12);
  lines.push(
    `Д-${i};ГУ «Учреждение ${i % 5000}»;${String(100000000000 + (i % 5000)).padStart(12, '0')};ТОО «Поставщик ${i % 20000}»;${String(200000000000 + (i % 20000))};${methods[i % 5]};${grouped},${frac};${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${2018 + (i % 7)};${1 + (i % 10)}`,
  );
}
const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
console.log(`${N.toLocaleString('en')} rows, ${(bytes.length / 1e6).toFixed(1)} MB`);

const engine = await NodeWasmEngine.create();
await createModel(engine);
await engine.registerFile('bench.csv', bytes);

// The first statement that materialises the file pays for growing the wasm heap (several
// seconds at 1 M rows, which would flatter every later figure): measure it, then the warm one.
let t = performance.now();
await engine.exec(`CREATE TABLE bare AS SELECT * FROM read_csv('bench.csv', delim=';', header=true, all_varchar=true)`);
const cold = performance.now() - t;
await engine.exec('DROP TABLE bare');

t = performance.now();
await engine.exec(`CREATE TABLE bare AS SELECT * FROM read_csv('bench.csv', delim=';', header=true, all_varchar=true)`);
const bare = performance.now() - t;
await engine.exec('DROP TABLE bare');

t = performance.now();
await engine.exec(`CREATE TABLE bare AS SELECT * FROM read_csv('bench.csv', delim=';', header=true)`);
const typedBare = performance.now() - t;
await engine.exec('DROP TABLE bare');

const mapping = autoMap(header.split(';')).mapping;
const res = await loadCsv(engine, {
  datasetId: 'bench',
  name: 'bench.csv',
  registeredFile: 'bench.csv',
  dialect: { delimiter: ';', quote: '"', header: true, skip: 0 },
  mapping,
  columnFormats: { amount: { decimal: ',', thousands: '\u00a0' }, signed_date: { dateFormat: '%d.%m.%Y' } },
  sector: 'state',
});
const check = await engine.query(
  `SELECT count(*) AS n, count(DISTINCT purchase_id) AS ids, count(method) AS m, sum(amount)::DOUBLE AS s FROM purchases`,
);
console.log(
  `bare read_csv all_varchar: ${bare.toFixed(0)} ms (first, cold heap: ${cold.toFixed(0)} ms); bare read_csv auto-typed: ${typedBare.toFixed(0)} ms`,
);
console.log(
  `loadCsv: ${res.ms} ms = ${(res.ms / typedBare).toFixed(2)}× auto-typed, ${(res.ms / bare).toFixed(2)}× all_varchar`,
  res,
  check[0],
);
await engine.close();
