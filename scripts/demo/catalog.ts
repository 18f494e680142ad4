/**
 * Reference tables of the demo data: ENS TRU-like items, purchase methods per sector, the MRP
 * and the split threshold, and the calibration targets. Kept apart from the generator so the
 * README and the tests read the same numbers.
 */

/** An item of the ENS TRU-like classifier with its typical unit price (tenge). */
export interface Item {
  code: string;
  name: string;
  unit: string;
  /** Typical unit price, KZT. */
  price: number;
  /** Dispersion (natural log) of unit prices around the typical price. */
  sigma: number;
  /** Which buyers buy it. */
  tags: readonly string[];
}

/** Units whose quantity is a whole number. */
export const INTEGER_UNITS: ReadonlySet<string> = new Set([
  'штука',
  'услуга',
  'пачка',
  'упаковка',
  'флакон',
  'пара',
  'комплект',
  'литр',
  'килограмм',
  'киловатт-час',
  'метр',
]);

const I = (code: string, name: string, unit: string, price: number, sigma: number, tags: string): Item => ({
  code,
  name,
  unit,
  price,
  sigma,
  tags: tags.split(' '),
});

/** 61 items; codes follow the ENS TRU pattern KPVED6.xxx.NNNNNN but are made up. */
export const ITEMS: readonly Item[] = [
  I('192021.100.000001', 'Бензин марки АИ-92', 'литр', 170, 0.12, 'fuel'),
  I('192021.300.000001', 'Топливо дизельное летнее', 'литр', 190, 0.12, 'fuel oil rail mining'),
  I('192021.300.000002', 'Топливо дизельное зимнее', 'литр', 230, 0.12, 'fuel oil rail mining'),
  I('192031.100.000001', 'Газ сжиженный пропан-бутан', 'тонна', 95000, 0.18, 'fuel oil'),
  I('051010.000.000001', 'Уголь каменный', 'тонна', 9000, 0.2, 'fuel power school'),
  I('351110.100.000001', 'Электрическая энергия', 'киловатт-час', 18, 0.15, 'energy power rail'),
  I('353011.100.000001', 'Тепловая энергия', 'гигакалория', 4500, 0.18, 'energy'),
  I('360011.100.000001', 'Услуги водоснабжения', 'кубический метр', 90, 0.2, 'energy'),
  I('235112.900.000001', 'Цемент портландцемент М400', 'тонна', 24000, 0.15, 'construction roads'),
  I('241031.000.000001', 'Арматура стальная А500С', 'тонна', 260000, 0.15, 'construction'),
  I('199920.100.000001', 'Битум нефтяной дорожный', 'тонна', 140000, 0.15, 'roads'),
  I('089312.100.000001', 'Песок строительный', 'кубический метр', 2500, 0.25, 'construction roads'),
  I('421110.200.000001', 'Работы по среднему ремонту автомобильных дорог', 'услуга', 30000000, 0.3, 'roads'),
  I('412040.000.000001', 'Работы по капитальному ремонту зданий', 'услуга', 25000000, 0.3, 'construction school'),
  I('432211.000.000001', 'Работы по монтажу систем водоснабжения', 'услуга', 6000000, 0.3, 'construction energy'),
  I('171912.300.000001', 'Бумага офисная формата А4', 'пачка', 2100, 0.15, 'office'),
  I('262011.000.000001', 'Ноутбук', 'штука', 280000, 0.25, 'office it'),
  I('262016.500.000001', 'Принтер лазерный', 'штука', 110000, 0.25, 'office'),
  I('310112.500.000001', 'Стол ученический двухместный', 'штука', 26000, 0.2, 'school'),
  I('310111.300.000001', 'Стул офисный', 'штука', 18000, 0.2, 'office school'),
  I('581114.000.000001', 'Учебник для общеобразовательной школы', 'штука', 2800, 0.2, 'school'),
  I('203021.700.000001', 'Краска водно-дисперсионная', 'килограмм', 1100, 0.2, 'school construction'),
  I('812110.000.000001', 'Услуги по уборке помещений', 'услуга', 900000, 0.3, 'services school medical'),
  I('801011.000.000001', 'Услуги охраны объектов', 'услуга', 1200000, 0.3, 'services school medical'),
  I('562910.000.000001', 'Услуги по организации питания', 'услуга', 2500000, 0.3, 'school medical'),
  I('107111.100.000001', 'Хлеб пшеничный', 'килограмм', 220, 0.15, 'food'),
  I('105110.100.000001', 'Молоко пастеризованное 2,5%', 'литр', 380, 0.15, 'food'),
  I('101111.300.000001', 'Говядина охлажденная', 'килограмм', 2600, 0.15, 'food'),
  I('106111.300.000001', 'Рис шлифованный', 'килограмм', 520, 0.15, 'food'),
  I('108112.100.000001', 'Сахар-песок', 'килограмм', 330, 0.15, 'food'),
  I('011310.100.000001', 'Картофель продовольственный', 'килограмм', 140, 0.2, 'food'),
  I('212010.400.000001', 'Парацетамол, таблетки 500 мг', 'упаковка', 320, 0.2, 'medical'),
  I('212013.100.000001', 'Инсулин человеческий', 'флакон', 3600, 0.2, 'medical'),
  I('325013.300.000001', 'Шприц одноразовый 5 мл', 'штука', 35, 0.2, 'medical'),
  I('325021.100.000001', 'Перчатки медицинские смотровые', 'пара', 60, 0.2, 'medical'),
  I('266012.100.000001', 'Аппарат ультразвуковой диагностики', 'штука', 28000000, 0.3, 'medical'),
  I('201141.000.000001', 'Кислород медицинский', 'кубический метр', 900, 0.2, 'medical'),
  I('291024.000.000001', 'Автомобиль легковой', 'штука', 9000000, 0.25, 'vehicles'),
  I('291030.100.000001', 'Автобус городской', 'штука', 60000000, 0.2, 'vehicles'),
  I('221111.000.000001', 'Шины для грузовых автомобилей', 'штука', 160000, 0.2, 'vehicles mining rail'),
  I('302040.000.000001', 'Запасные части для грузовых вагонов', 'комплект', 450000, 0.3, 'rail'),
  I('302031.000.000001', 'Вагон грузовой полувагон', 'штука', 22000000, 0.2, 'rail'),
  I('452011.000.000001', 'Техническое обслуживание автотранспорта', 'услуга', 700000, 0.3, 'vehicles services'),
  I('271131.000.000001', 'Трансформатор силовой', 'штука', 18000000, 0.3, 'power industry'),
  I('273213.000.000001', 'Кабель силовой', 'метр', 4200, 0.25, 'power industry telecom construction'),
  I('279012.000.000001', 'Изолятор линейный', 'штука', 9000, 0.2, 'power'),
  I('242020.000.000001', 'Трубы стальные бесшовные', 'тонна', 420000, 0.2, 'oil industry energy'),
  I('281413.000.000001', 'Задвижка стальная', 'штука', 190000, 0.25, 'oil industry energy'),
  I('201513.000.000001', 'Реагент для водоподготовки', 'тонна', 180000, 0.25, 'industry power mining'),
  I('711210.000.000001', 'Инженерно-изыскательские работы', 'услуга', 15000000, 0.3, 'construction roads industry'),
  I('620110.000.000001', 'Разработка программного обеспечения', 'услуга', 20000000, 0.3, 'it'),
  I('620220.000.000001', 'Сопровождение информационных систем', 'услуга', 6000000, 0.3, 'it telecom'),
  I('691010.000.000001', 'Юридические консультационные услуги', 'услуга', 3000000, 0.3, 'consulting'),
  I('702210.000.000001', 'Консультационные услуги по управлению', 'услуга', 12000000, 0.3, 'consulting'),
  I('494111.000.000001', 'Услуги по перевозке грузов автотранспортом', 'услуга', 2000000, 0.3, 'services rail mining agro'),
  I('651210.000.000001', 'Услуги страхования имущества', 'услуга', 5000000, 0.3, 'consulting'),
  I('331211.000.000001', 'Ремонт промышленного оборудования', 'услуга', 8000000, 0.3, 'industry power oil mining rail'),
  I('107211.000.000001', 'Зерно пшеницы продовольственной', 'тонна', 85000, 0.15, 'agro'),
  I('321212.000.000001', 'Авиационное топливо ТС-1', 'тонна', 310000, 0.15, 'aviation'),
  I('331621.000.000001', 'Техническое обслуживание воздушных судов', 'услуга', 40000000, 0.3, 'aviation'),
  I('612011.000.000001', 'Услуги спутниковой связи', 'услуга', 3500000, 0.3, 'telecom'),
];

/** Which item tags each kind of buyer draws from. */
export const BUYER_TAGS: Readonly<Record<string, readonly string[]>> = {
  school: ['school', 'office', 'food', 'services', 'fuel', 'energy'],
  hospital: ['medical', 'food', 'office', 'services', 'energy', 'vehicles'],
  akimat: ['roads', 'construction', 'office', 'services', 'vehicles', 'fuel', 'energy', 'it'],
  ministry: ['it', 'consulting', 'office', 'vehicles', 'construction', 'services', 'fuel'],
  holding: ['consulting', 'it', 'office', 'services', 'vehicles', 'construction'],
  rail: ['rail', 'fuel', 'industry', 'services', 'it', 'construction', 'energy'],
  oil: ['oil', 'industry', 'fuel', 'services', 'construction', 'consulting'],
  mining: ['mining', 'industry', 'fuel', 'services', 'construction', 'vehicles'],
  power: ['power', 'industry', 'fuel', 'construction', 'services', 'it'],
  telecom: ['telecom', 'it', 'construction', 'office', 'vehicles', 'consulting'],
  aviation: ['aviation', 'fuel', 'services', 'it', 'consulting', 'construction'],
  agro: ['agro', 'fuel', 'vehicles', 'services', 'construction', 'consulting'],
  construction: ['construction', 'roads', 'consulting', 'services', 'it', 'energy'],
};

/** A purchase method as written in `method_detail`, with its OCDS mapping. */
export interface MethodDef {
  key: string;
  detail: string;
  method: 'open' | 'selective' | 'limited' | 'direct';
  competitive: boolean;
  /** A request for price quotations: in the split-purchase (R011) population. */
  priceQuotation: boolean;
  /** Share of purchases (count) in the background. */
  weight: number;
  /** Multiplier of the buyer's amount scale (bigger lots go to tenders). */
  scale: number;
}

/**
 * State purchase methods. Price quotations (ЗЦП) map to `open`: the request is published on the
 * portal and any registered supplier may send a price, which is OCDS "open", not "selective"
 * (selective means only invited or pre-qualified suppliers may bid). The split rule finds them
 * through `method_detail`.
 */
export const STATE_METHODS: readonly MethodDef[] = [
  {
    key: 'st-tender',
    detail: 'Открытый конкурс',
    method: 'open',
    competitive: true,
    priceQuotation: false,
    weight: 13,
    scale: 3,
  },
  { key: 'st-auction', detail: 'Аукцион', method: 'open', competitive: true, priceQuotation: false, weight: 9, scale: 2 },
  {
    key: 'st-zcp',
    detail: 'Запрос ценовых предложений',
    method: 'open',
    competitive: true,
    priceQuotation: true,
    weight: 42,
    scale: 0.3,
  },
  {
    key: 'st-direct',
    detail: 'Из одного источника путем прямого заключения договора',
    method: 'direct',
    competitive: false,
    priceQuotation: false,
    weight: 22,
    scale: 1,
  },
  {
    key: 'st-direct-failed',
    detail: 'Из одного источника по несостоявшимся закупкам',
    method: 'direct',
    competitive: false,
    priceQuotation: false,
    weight: 8,
    scale: 1,
  },
  {
    key: 'st-exchange',
    detail: 'Через товарные биржи',
    method: 'open',
    competitive: true,
    priceQuotation: false,
    weight: 3,
    scale: 2,
  },
  {
    key: 'st-prequal',
    detail: 'Конкурс с предварительным квалификационным отбором',
    method: 'selective',
    competitive: true,
    priceQuotation: false,
    weight: 3,
    scale: 3,
  },
];

/** Quasi-public ("не ГЗ") purchase methods. */
export const QUASI_METHODS: readonly MethodDef[] = [
  { key: 'qp-tender', detail: 'Тендер (не ГЗ)', method: 'open', competitive: true, priceQuotation: false, weight: 26, scale: 1 },
  { key: 'qp-zcp', detail: 'ЗЦП (не ГЗ)', method: 'open', competitive: true, priceQuotation: true, weight: 22, scale: 0.3 },
  {
    key: 'qp-direct',
    detail: 'Из одного источника (не ГЗ)',
    method: 'direct',
    competitive: false,
    priceQuotation: false,
    weight: 33,
    scale: 1.4,
  },
  {
    key: 'qp-etrade',
    detail: 'На организованных электронных торгах (не ГЗ)',
    method: 'open',
    competitive: true,
    priceQuotation: false,
    weight: 14,
    scale: 0.8,
  },
  {
    key: 'qp-exchange',
    detail: 'Через товарные биржи (не ГЗ)',
    method: 'open',
    competitive: true,
    priceQuotation: false,
    weight: 5,
    scale: 1,
  },
];

/** The competitive method a background purchase is moved to when the checker must break a pattern. */
export const CONVERT_TO: Readonly<Record<'state' | 'quasi_public', string>> = {
  state: 'st-auction',
  quasi_public: 'qp-tender',
};

/** Monthly calculation index (MRP), tenge; 2020 changed on 1 April. */
export function mrp(isoDate: string): number {
  const y = isoDate.slice(0, 4);
  if (y === '2018') return 2405;
  if (y === '2019') return 2525;
  if (y === '2020') return isoDate >= '2020-04-01' ? 2778 : 2651;
  throw new Error(`no MRP for ${isoDate}`);
}

/**
 * Split-purchase threshold: 8 000 MRP, the 2024 law's (in force 2025) ceiling for price
 * quotations, applied to 2018–2020 for the demo only.
 */
export const SPLIT_THRESHOLD_MRP = 8000;

/** Split threshold in tenge at a date. */
export function splitThreshold(isoDate: string): number {
  return SPLIT_THRESHOLD_MRP * mrp(isoDate);
}

/** Calibration targets, tenge per year: quasi-public ≈ 3.5 trillion, state = quasi / 4.5. */
export const QUASI_TARGET: Readonly<Record<number, number>> = {
  2018: 3.3e12,
  2019: 3.5e12,
  2020: 3.7e12,
};
/** The quasi-public / state ratio of the calibration. */
export const QUASI_STATE_RATIO = 4.5;

/** Years covered. */
export const YEARS: readonly number[] = [2018, 2019, 2020];
