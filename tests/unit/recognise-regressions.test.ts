import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIER1_FLAGS } from '../../src/flags/registry';
import { proposeMapping } from '../../src/ingest/recognise/propose';
import { headerWords } from '../../src/ingest/recognise/normalise';
import { methodCaseSql, normaliseMethod, unknownMethods } from '../../src/ingest/recognise/methods';
import { notComputable } from '../../src/ingest/recognise/notComputable';
import { MAPPABLE_FIELDS } from '../../src/ingest/mapping';

/** Each recognition failure named in issue 9, on a fixture written for it. */
const mapped = (headers: string[], rows: string[][]) => {
  const m = proposeMapping(headers, rows).mapping;
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== null));
};

describe('issue 9: everyday Russian register headers', () => {
  const headers = [
    '№',
    'Заказчик',
    'БИН заказчика',
    'Поставщик',
    'Метод закупа',
    'Наименование',
    'Кол-во',
    'Ед. изм.',
    'Цена за ед., тг',
    'Сумма, тг',
    'Дата заключения',
  ];
  const rows = [
    [
      '1',
      'ГУ "Отдел образования"',
      '990140001234',
      'ТОО "Стройсервис"',
      'Из одного источника',
      'Бумага офисная',
      '100',
      'пачка',
      '2 327,58',
      '232 758,00',
      '15.05.2023',
    ],
    [
      '2',
      'КГУ "Школа №12"',
      '010240005678',
      'ИП Ахметов',
      'Запрос ценовых предложений',
      'Ремонт кровли',
      '1',
      'услуга',
      '1 500 000,00',
      '1 500 000,00',
      '16.05.2023',
    ],
  ];
  it('reads кол-во, №, a contract date without "договора", and метод/закуп', () => {
    expect(mapped(headers, rows)).toMatchObject({
      purchase_id: '№',
      quantity: 'Кол-во',
      unit: 'Ед. изм.',
      signed_date: 'Дата заключения',
      method: 'Метод закупа',
      amount: 'Сумма, тг',
      unit_price: 'Цена за ед., тг',
      buyer_id: 'БИН заказчика',
      buyer_name: 'Заказчик',
      supplier_name: 'Поставщик',
      item_name: 'Наименование',
    });
  });
  it('takes the currency from the header (тг) and says so', () => {
    expect(proposeMapping(headers, rows).currency).toEqual({ source: 'header', column: 'Сумма, тг', code: 'KZT' });
  });
  it('gives a reason a person can read for each field', () => {
    const r = proposeMapping(headers, rows).reasons.signed_date!;
    expect(r.header?.words).toEqual(expect.arrayContaining(['дата', 'заключения']));
    expect(r.values).toEqual({ kind: 'dates', share: 1 });
  });
});

describe("issue 9: zakupki's own name, English scraper names, a Spanish portal", () => {
  it('maps Цена контракта to the amount', () => {
    expect(
      mapped(
        ['Реестровый номер контракта', 'Цена контракта', 'Дата заключения контракта'],
        [['3770000000023000001', '120 600 000,50', '16.04.2023']],
      ),
    ).toMatchObject({
      amount: 'Цена контракта',
      purchase_id: 'Реестровый номер контракта',
      signed_date: 'Дата заключения контракта',
    });
  });
  it('maps English scraper column names', () => {
    const headers = [
      'tender_id',
      'buyer',
      'winner',
      'contract_value',
      'award_date',
      'procurement_method',
      'bidders_count',
      'cpv',
    ];
    const rows = [['T-1', 'Ministry of Health', 'Acme Ltd', '125000.50', '2023-04-01', 'open', '3', '33600000-6']];
    expect(mapped(headers, rows)).toEqual({
      purchase_id: 'tender_id',
      buyer_name: 'buyer',
      supplier_name: 'winner',
      amount: 'contract_value',
      signed_date: 'award_date',
      method: 'procurement_method',
      n_bidders: 'bidders_count',
      item_code: 'cpv',
    });
  });
  it('maps a Spanish portal', () => {
    const headers = [
      'Número de contrato',
      'Dependencia',
      'Proveedor',
      'Importe del contrato',
      'Moneda',
      'Fecha de firma',
      'Tipo de procedimiento',
      'Número de ofertas',
    ];
    const rows = [
      ['C-77', 'SECRETARÍA DE SALUD', 'SUMINISTROS SA DE CV', '1,250,000.00', 'MXN', '2019-03-12', 'Licitación Pública', '4'],
    ];
    expect(mapped(headers, rows)).toEqual({
      purchase_id: 'Número de contrato',
      buyer_name: 'Dependencia',
      supplier_name: 'Proveedor',
      amount: 'Importe del contrato',
      currency: 'Moneda',
      signed_date: 'Fecha de firma',
      method: 'Tipo de procedimiento',
      n_bidders: 'Número de ofertas',
    });
  });
});

describe('issue 9: a header-less file gets proposals from its values', () => {
  const headers = ['column1', 'column2', 'column3', 'column4', 'column5', 'column6'];
  const rows = [
    ['Л-001', '990140001234', 'ТОО "Стройсервис"', '15.05.2023', '1 250 000,00', 'Запрос ценовых предложений'],
    ['Л-002', '010240005678', 'ИП Ахметов', '16.05.2023', '98 000,00', 'Из одного источника'],
    ['Л-003', '990140001234', 'ТОО "Принт Про"', '17.05.2023', '4 500 000,00', 'Открытый конкурс'],
  ];
  it('proposes amount, date, method, ids and a name, each marked as from the values', () => {
    const p = proposeMapping(headers, rows);
    expect(p.headerless).toBe(true);
    expect(p.mapping).toMatchObject({
      amount: 'column5',
      signed_date: 'column4',
      method: 'column6',
      buyer_id: 'column2',
      supplier_name: 'column3',
      purchase_id: 'column1',
    });
    for (const r of Object.values(p.reasons)) expect(r.header).toBeNull();
  });
});

describe('issue 9: goszakup supplier_id (an internal number) against supplier_biin (the BIN)', () => {
  const headers = ['id', 'supplier_id', 'supplier_biin', 'customer_bin', 'contract_sum_wnds', 'sign_date'];
  const rows = [
    ['14870001', '356734', '120940012345', '990140001234', '1500000.00', '2023-05-15 10:00:00'],
    ['14870002', '48121', '070340007367', '990140001234', '250000.00', '2023-05-16 10:00:00'],
  ];
  it('takes the BIN as the supplier id, and never puts the BIN in supplier_name', () => {
    const p = proposeMapping(headers, rows);
    expect(p.mapping.supplier_id).toBe('supplier_biin');
    expect(p.mapping.supplier_name).toBeNull();
    expect(p.reasons.supplier_id?.values).toEqual({ kind: 'taxIds', share: 1 });
  });
  it('a column of tax ids never becomes a name, whatever it is called (generated headers)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^\d{12}$/), { minLength: 2, maxLength: 10 }),
        fc.constantFrom('Наименование поставщика', 'supplier_name', 'Поставщик'),
        (bins, header) => {
          const p = proposeMapping(
            [header, 'Сумма'],
            bins.map((b) => [b, '1000']),
          );
          return p.mapping.supplier_name === null;
        },
      ),
    );
  });
});

describe('issue 9: method values', () => {
  const cases: [string, string | null, boolean | null][] = [
    ['Закупка у единственного поставщика (подрядчика, исполнителя)', 'direct', false],
    ['Запрос котировок в электронной форме', 'open', true],
    ['Запрос предложений в электронной форме', 'open', true],
    ['Конкурс с ограниченным участием в электронной форме', 'selective', true],
    ['Электронный аукцион', 'open', true],
    ['Licitación Pública', 'open', true],
    ['Adjudicación Directa', 'direct', false],
    ['Invitación a cuando menos tres personas', 'limited', false],
    ['Contratación directa', 'direct', false],
    ['Відкриті торги', 'open', true],
    ['reporting', 'direct', false],
    ['negotiation', 'limited', false],
    ['Restricted procedure', 'selective', true],
    ['3', 'open', true],
    ['23', 'direct', false],
    ['32', 'selective', true],
  ];
  it.each(cases)('%s → %s', (text, method, competitive) => expect(normaliseMethod(text)).toEqual({ method, competitive }));

  it('lists the values it does not know, most frequent first, and honours a person’s classification', () => {
    const values = ['Маркетинговые исследования', 'Открытый конкурс', 'Иной способ', 'Маркетинговые исследования'];
    expect(unknownMethods(values)).toEqual(['Маркетинговые исследования', 'Иной способ']);
    const extra = { 'маркетинговые исследования': 'limited' as const };
    expect(unknownMethods(values, extra)).toEqual(['Иной способ']);
    expect(normaliseMethod('  Маркетинговые ИССЛЕДОВАНИЯ ', extra)).toEqual({ method: 'limited', competitive: false });
    expect(methodCaseSql('m', extra)).toContain(`WHEN lower(trim(m)) = 'маркетинговые исследования' THEN 'limited'`);
  });
});

describe('not computable, from the flag registry', () => {
  it('names the flags a missing field blocks, for every flag whose needs are not met', () => {
    const none = Object.fromEntries(MAPPABLE_FIELDS.map((f) => [f, null]));
    expect(Object.keys(notComputable(none)).sort()).toEqual(TIER1_FLAGS.map((f) => f.code).sort());
    const all = Object.fromEntries(MAPPABLE_FIELDS.map((f) => [f, f]));
    expect(notComputable(all)).toEqual({});
    const noBidders = { ...all, n_bidders: null };
    expect(Object.keys(notComputable(noBidders))).toEqual(
      TIER1_FLAGS.filter((f) => f.needs.includes('n_bidders')).map((f) => f.code),
    );
  });
});

describe('headerWords', () => {
  it('spells out abbreviations and sets currency words aside', () => {
    expect(headerWords('Кол-во').tokens).toEqual(['количество']);
    expect(headerWords('№ лота').tokens).toEqual(['номер', 'лота']);
    expect(headerWords('Ед. изм.').tokens).toEqual(['единица', 'измерения']);
    expect(headerWords('tender/tenderPeriod/startDate').tokens).toEqual(['tender', 'tender', 'period', 'start', 'date']);
    expect(headerWords('awards/0/value/amount').tokens).toEqual(['awards', 'value', 'amount']);
    expect(headerWords('Сумма, руб.')).toEqual({ tokens: ['сумма'], currency: 'RUB' });
    expect(headerWords('Amount (USD)')).toEqual({ tokens: ['amount'], currency: 'USD' });
    expect(headerWords('Стоимость, ₸').currency).toBe('KZT');
    expect(headerWords('Ёмкость').tokens).toEqual(['емкость']);
  });
});
