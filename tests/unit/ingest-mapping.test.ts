import { describe, expect, it } from 'vitest';
import { autoMap, headerSignature, methodCaseSql, normaliseHeader, normaliseMethod } from '../../src/ingest/mapping';

const mapped = (headers: string[]) => Object.fromEntries(Object.entries(autoMap(headers).mapping).filter(([, v]) => v !== null));

describe('autoMap', () => {
  it('maps a Russian goszakup contract export', () => {
    expect(
      mapped([
        'Номер договора',
        'Наименование заказчика',
        'БИН заказчика',
        'Поставщик',
        'БИН/ИИН поставщика',
        'Способ закупки',
        'Сумма договора',
        'Дата заключения договора',
        'Код ЕНС ТРУ',
        'Количество',
        'Цена за единицу',
        'Единица измерения',
        'Регион',
      ]),
    ).toEqual({
      purchase_id: 'Номер договора',
      buyer_name: 'Наименование заказчика',
      buyer_id: 'БИН заказчика',
      supplier_name: 'Поставщик',
      supplier_id: 'БИН/ИИН поставщика',
      method: 'Способ закупки',
      amount: 'Сумма договора',
      signed_date: 'Дата заключения договора',
      item_code: 'Код ЕНС ТРУ',
      quantity: 'Количество',
      unit_price: 'Цена за единицу',
      unit: 'Единица измерения',
      region: 'Регион',
    });
  });

  it('maps Kazakh headers', () => {
    expect(mapped(['Тапсырыс беруші', 'Өнім беруші', 'Шарт сомасы', 'Сатып алу тәсілі'])).toEqual({
      buyer_name: 'Тапсырыс беруші',
      supplier_name: 'Өнім беруші',
      amount: 'Шарт сомасы',
      method: 'Сатып алу тәсілі',
    });
  });

  it('maps goszakup API names, preferring the sum with VAT', () => {
    expect(
      mapped([
        'id',
        'contract_sum',
        'contract_sum_wnds',
        'customer_bin',
        'customer_name_ru',
        'supplier_biin',
        'sign_date',
        'enstru_code',
        'ref_trade_methods_id',
      ]),
    ).toEqual({
      purchase_id: 'id',
      amount: 'contract_sum_wnds',
      buyer_id: 'customer_bin',
      buyer_name: 'customer_name_ru',
      supplier_id: 'supplier_biin',
      signed_date: 'sign_date',
      item_code: 'enstru_code',
      method: 'ref_trade_methods_id',
    });
  });

  it('maps flattened OCDS paths and opentender columns with trailing spaces', () => {
    expect(
      mapped([
        'ocid',
        'id',
        'buyer/name',
        'tender/procurementMethod',
        'tender/numberOfTenderers',
        'awards/0/value/amount',
        'awards/0/value/currency',
        'awards/0/suppliers/0/name',
        'contracts/0/dateSigned',
      ]),
    ).toEqual({
      purchase_id: 'ocid',
      buyer_name: 'buyer/name',
      method: 'tender/procurementMethod',
      n_bidders: 'tender/numberOfTenderers',
      amount: 'awards/0/value/amount',
      currency: 'awards/0/value/currency',
      supplier_name: 'awards/0/suppliers/0/name',
      signed_date: 'contracts/0/dateSigned',
    });
    expect(
      mapped([
        'tender_id',
        'buyer_name ',
        'bidder_name',
        'bid_price',
        'bid_price_currency',
        'tender_procedureType',
        'lot_bidsCount',
        'tender_contractSignatureDate',
        'tender_mainCpv',
      ]),
    ).toEqual({
      purchase_id: 'tender_id',
      buyer_name: 'buyer_name ',
      supplier_name: 'bidder_name',
      amount: 'bid_price',
      currency: 'bid_price_currency',
      method: 'tender_procedureType',
      n_bidders: 'lot_bidsCount',
      signed_date: 'tender_contractSignatureDate',
      item_code: 'tender_mainCpv',
    });
  });

  it("maps Toronto's files", () => {
    const r = autoMap([
      '_id',
      'Document Number',
      'RFx (Solicitation) Type',
      'High Level Category',
      'Successful Supplier',
      'Award',
      'Award Authority Obtained Date',
      'Division',
      'Buyer Name',
      'Buyer Email',
      'Buyer Phone Number',
    ]);
    // As in the real file: "Buyer Name" beside "Buyer Email" and "Buyer Phone Number" is the purchasing officer.
    expect(r.mapping).toMatchObject({
      purchase_id: '_id',
      method: 'RFx (Solicitation) Type',
      supplier_name: 'Successful Supplier',
      amount: 'Award',
      signed_date: 'Award Authority Obtained Date',
      buyer_name: 'Division',
    });
    expect(r.unmapped).toEqual(['Document Number', 'High Level Category', 'Buyer Name', 'Buyer Email', 'Buyer Phone Number']);
    expect(
      mapped(['_id', 'Workspace Number', 'Reason', 'Contract Date', 'Supplier Name', 'Contract Amount', 'Division']),
    ).toMatchObject({
      signed_date: 'Contract Date',
      supplier_name: 'Supplier Name',
      amount: 'Contract Amount',
      buyer_name: 'Division',
    });
  });

  it('maps each field once, the first header for a repeated name, and a contract sum before a bare sum', () => {
    const r = autoMap([
      '#п/п',
      'Заказчик',
      'URL',
      'Наименование',
      'URL',
      'Способ_закупки',
      'Единица_измерения',
      'Кол-во',
      'Цена_за_ед.',
      'Плановая_сумма',
      'Статус',
    ]);
    expect(r.mapping).toMatchObject({
      purchase_id: '#п/п',
      buyer_name: 'Заказчик',
      item_name: 'Наименование',
      method: 'Способ_закупки',
      unit: 'Единица_измерения',
      quantity: 'Кол-во',
      unit_price: 'Цена_за_ед.',
      amount: 'Плановая_сумма',
      status: 'Статус',
    });
    expect(r.unmapped).toEqual(['URL', 'URL']);
    expect(autoMap(['Сумма договора, тенге', 'Сумма']).mapping.amount).toBe('Сумма договора, тенге');
    expect(autoMap(['Сумма договора, тенге']).mapping.amount).toBe('Сумма договора, тенге');
    expect(autoMap(['Сумма', 'Сумма']).unmapped).toEqual(['Сумма']);
  });

  it('normalises headers', () => {
    expect(normaliseHeader('  БИН/ИИН поставщика ')).toBe('бинииндпоставщика'.replace('д', ''));
    expect(normaliseHeader('awards/0/value/amount')).toBe('awards0valueamount');
    expect(normaliseHeader('Ед. изм.')).toBe(normaliseHeader('ед_изм'));
  });
});

describe('headerSignature', () => {
  it('is stable across case and punctuation, and differs by order and content', () => {
    expect(headerSignature(['Заказчик', 'Сумма '])).toBe(headerSignature(['заказчик', 'сумма']));
    expect(headerSignature(['a', 'b'])).not.toBe(headerSignature(['b', 'a']));
    expect(headerSignature(['a', 'b'])).toMatch(/^2-[0-9a-f]{8}$/);
  });
});

describe('normaliseMethod', () => {
  const cases: [string, string | null, boolean | null][] = [
    ['Из одного источника путем прямого заключения договора', 'direct', false],
    ['Из одного источника по несостоявшимся закупкам', 'direct', false],
    ['Из одного источника (не ГЗ)', 'direct', false],
    ['Бір көзден алу', 'direct', false],
    ['Запрос ценовых предложений', 'open', true],
    ['ЗЦП (не ГЗ)', 'open', true],
    ['Открытый конкурс', 'open', true],
    ['Аукцион (с 2022)', 'open', true],
    ['Тендер (не ГЗ)', 'open', true],
    ['Через товарные биржи', 'open', true],
    ['Электронный магазин', 'open', true],
    ['Конкурс с предварительным квалификационным отбором', 'selective', true],
    ['Non-Competitive', 'direct', false],
    ['RFQ', 'open', true],
    ['RFSQ', 'selective', true],
    ['OTP', null, null],
    ['limited', 'limited', false],
    ['Open', 'open', true],
    ['Закупка жилища', null, null],
    ['', null, null],
  ];
  it.each(cases)('%s → %s', (text, method, competitive) => {
    expect(normaliseMethod(text)).toEqual({ method, competitive });
  });

  it('builds a SQL CASE with every pattern quoted as a literal', () => {
    const sql = methodCaseSql('m');
    expect(sql).toMatch(/^CASE WHEN m IS NULL/);
    expect(sql).toContain(`regexp_matches(lower(trim(m)), 'одного источника|`);
    expect(sql).toContain(`THEN 'direct'`);
  });
});

describe('canonical column names', () => {
  it('map to themselves before any synonym (a TenderLens export reads back as it was written)', () => {
    const m = autoMap([
      'purchase_id',
      'signed_date',
      'tender_start',
      'tender_end',
      'n_bidders',
      'item_code',
      'item_name',
      'amount',
      'id',
    ]).mapping;
    expect(m).toMatchObject({
      purchase_id: 'purchase_id',
      signed_date: 'signed_date',
      tender_start: 'tender_start',
      tender_end: 'tender_end',
      n_bidders: 'n_bidders',
      item_code: 'item_code',
      item_name: 'item_name',
      amount: 'amount',
    });
  });
});
