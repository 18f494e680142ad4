import { NodeWasmEngine } from '../../src/engine/node';
const e = await NodeWasmEngine.create();
for (const q of [
  `SELECT string_split('aЖ"\\' || chr(9) || '🎉b', '') AS l`,
  `SELECT format('\\u{:04x}', ord(chr(9))) AS f, ord('Ж') o`,
  `SELECT list_concat([1],[2],[3]) AS l`,
]) {
  try { console.log(q, JSON.stringify(await e.query(q))); } catch (err) { console.log(q, 'ERR', (err as Error).message.slice(0, 300)); }
}
await e.close();
