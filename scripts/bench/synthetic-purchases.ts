/**
 * A synthetic purchases table built in SQL (range + hash-based pseudo-random columns), for
 * benchmarks. Not realistic data: it only has realistic shapes (log-uniform amounts, a few
 * thousand buyers, tens of thousands of suppliers and items, six years of dates).
 */
export function syntheticPurchasesSql(rows: number): string {
  if (!Number.isInteger(rows) || rows < 0) throw new TypeError('rows must be a whole number');
  const h = (salt: number, mod: number) => `(hash(i, ${salt}) % ${mod})::BIGINT`;
  return `INSERT INTO purchases
WITH r AS (
  SELECT i,
    CASE ${h(3, 10)} WHEN 0 THEN 'open' WHEN 1 THEN 'open' WHEN 2 THEN 'open' WHEN 3 THEN 'open' WHEN 4 THEN 'selective'
      WHEN 5 THEN 'limited' WHEN 6 THEN 'limited' ELSE 'direct' END AS method,
    DATE '2019-01-01' + ${h(5, 2190)}::INTEGER AS signed_date,
    round(exp(ln(10000) + ${h(4, 1000000)} / 1e6 * ln(100000)), 2) AS amount,
    1 + ${h(7, 100)} AS quantity
  FROM range(${rows}) t(i)
)
SELECT
  CASE WHEN i % 4 = 0 THEN 'quasi' ELSE 'state' END AS dataset_id,
  'p' || i AS purchase_id,
  i::INTEGER AS source_row,
  CASE WHEN i % 4 = 0 THEN 'quasi_public' ELSE 'state' END AS sector,
  'B' || ${h(1, 2000)} AS buyer_id, 'Buyer ' || ${h(1, 2000)} AS buyer_name,
  'S' || ${h(2, 20000)} AS supplier_id, 'Supplier ' || ${h(2, 20000)} AS supplier_name,
  method,
  CASE method WHEN 'limited' THEN 'Запрос ценовых предложений' WHEN 'direct' THEN 'Из одного источника' WHEN 'open' THEN 'Открытый конкурс' ELSE 'Конкурс' END AS method_detail,
  method IN ('open', 'selective') AS competitive,
  amount, 'KZT' AS currency, amount AS amount_kzt,
  signed_date,
  CASE WHEN method IN ('open', 'selective') THEN signed_date - 40 END AS tender_start,
  -- About 3 % of windows are shorter than 15 days, as in real data; not half of them.
  CASE WHEN method IN ('open', 'selective') THEN signed_date - 40 + (CASE WHEN ${h(6, 100)} < 3 THEN ${h(12, 15)} ELSE 15 + ${h(12, 20)} END)::INTEGER END AS tender_end,
  CASE WHEN method IN ('open', 'selective') THEN 1 + ${h(8, 6)} END AS n_bidders,
  'I' || ${h(9, 5000)} AS item_code, 'Item ' || ${h(9, 5000)} AS item_name, 'pcs' AS unit,
  quantity::DOUBLE AS quantity, amount / quantity AS unit_price,
  'R' || ${h(10, 17)} AS region, 'signed' AS status,
  signed_date - ${h(11, 3000)}::INTEGER AS supplier_registered
FROM r`;
}
