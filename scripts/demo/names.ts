/**
 * Word lists for the fictional organisations of the demo data. Every company name is made up
 * from these parts; none is meant to name a real company (tests/unit/demo-generator.test.ts
 * checks a blocklist of real names). Regions and cities are real places: they are not companies.
 */

/** The 17 regions of Kazakhstan as they were in 2018–2020 (14 oblasts, 3 cities of republican status). */
export const REGIONS: readonly { name: string; city: string; genitive: string }[] = [
  { name: 'Акмолинская область', city: 'Кокшетау', genitive: 'Акмолинской области' },
  { name: 'Актюбинская область', city: 'Актобе', genitive: 'Актюбинской области' },
  { name: 'Алматинская область', city: 'Талдыкорган', genitive: 'Алматинской области' },
  { name: 'Атырауская область', city: 'Атырау', genitive: 'Атырауской области' },
  { name: 'Восточно-Казахстанская область', city: 'Усть-Каменогорск', genitive: 'Восточно-Казахстанской области' },
  { name: 'Жамбылская область', city: 'Тараз', genitive: 'Жамбылской области' },
  { name: 'Западно-Казахстанская область', city: 'Уральск', genitive: 'Западно-Казахстанской области' },
  { name: 'Карагандинская область', city: 'Караганда', genitive: 'Карагандинской области' },
  { name: 'Костанайская область', city: 'Костанай', genitive: 'Костанайской области' },
  { name: 'Кызылординская область', city: 'Кызылорда', genitive: 'Кызылординской области' },
  { name: 'Мангистауская область', city: 'Актау', genitive: 'Мангистауской области' },
  { name: 'Павлодарская область', city: 'Павлодар', genitive: 'Павлодарской области' },
  { name: 'Северо-Казахстанская область', city: 'Петропавловск', genitive: 'Северо-Казахстанской области' },
  { name: 'Туркестанская область', city: 'Туркестан', genitive: 'Туркестанской области' },
  { name: 'г. Нур-Султан', city: 'Нур-Султан', genitive: 'г. Нур-Султан' },
  { name: 'г. Алматы', city: 'Алматы', genitive: 'г. Алматы' },
  { name: 'г. Шымкент', city: 'Шымкент', genitive: 'г. Шымкент' },
];

/** Fictional ministries (marked "(демо)" so nobody mistakes them for the real government). */
export const MINISTRIES: readonly string[] = [
  'Министерство транспортных коммуникаций (демо)',
  'Министерство цифрового развития и связи (демо)',
  'Министерство просвещения и науки (демо)',
  'Министерство общественного здоровья (демо)',
  'Министерство энергетических ресурсов (демо)',
  'Министерство сельского хозяйства и водных ресурсов (демо)',
  'Министерство финансов и бюджета (демо)',
  'Министерство экологии и природопользования (демо)',
  'Министерство индустрии и инфраструктуры (демо)',
  'Министерство культуры и спорта (демо)',
  'Министерство внутренней безопасности (демо)',
  'Министерство труда и занятости (демо)',
];

/** Departments of a regional or city akimat (state buyers). */
export const AKIMAT_DEPARTMENTS: readonly string[] = [
  'Управление пассажирского транспорта и автомобильных дорог',
  'Управление энергетики и жилищно-коммунального хозяйства',
  'Управление строительства',
  'Управление образования',
  'Управление здравоохранения',
  'Управление физической культуры и спорта',
  'Управление природных ресурсов',
  'Отдел жилищно-коммунального хозяйства',
  'Отдел благоустройства',
  'Аппарат акима',
];

/**
 * Fictional national companies of the quasi-public sector: [full name, short stem used for
 * subsidiaries, industry tag]. The stems are invented words.
 */
export const NATIONAL_COMPANIES: readonly { name: string; stem: string; tag: string }[] = [
  { name: 'АО «Фонд национального развития «Ортакқор» (демо)', stem: 'Ортакқор', tag: 'holding' },
  { name: 'АО «НК «Алтынжол Транзит»', stem: 'Алтынжол', tag: 'rail' },
  { name: 'АО «НК «Кенкала Мунай»', stem: 'Кенкала', tag: 'oil' },
  { name: 'АО «НК «Темиркен Металл»', stem: 'Темиркен', tag: 'mining' },
  { name: 'АО «НК «Аксуат Энергосеть»', stem: 'Аксуат', tag: 'power' },
  { name: 'АО «НК «Шалкарбай Коммуникации»', stem: 'Шалкарбай', tag: 'telecom' },
  { name: 'АО «НК «Бесагаш Авиа Сервис»', stem: 'Бесагаш', tag: 'aviation' },
  { name: 'АО «НК «Жасылдала Агро»', stem: 'Жасылдала', tag: 'agro' },
  { name: 'АО «НК «Коктерек Жилстрой»', stem: 'Коктерек', tag: 'construction' },
];

/** What a subsidiary of a national company does, by industry tag. */
export const SUBSIDIARY_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  holding: ['Управление активами', 'Сервисный центр', 'Корпоративный университет', 'Инвест'],
  rail: ['Вагонсервис', 'Пассажирские перевозки', 'Грузовые перевозки', 'Магистральная сеть', 'Локомотив Ремонт', 'Терминал'],
  oil: ['Разведка Добыча', 'Нефтепровод', 'Переработка', 'Газосеть', 'Бурсервис', 'Морской флот'],
  mining: ['Рудник', 'Горно-обогатительный комбинат', 'Урановые технологии', 'Металлургия'],
  power: ['Электросети Север', 'Электросети Юг', 'Генерация', 'ГРЭС', 'Теплосети'],
  telecom: ['Связь', 'Дата-центр', 'Спутник', 'Почтовая служба'],
  aviation: ['Аэропорт', 'Авиатехцентр', 'Авиалинии'],
  agro: ['Продкорпорация', 'Агролизинг', 'Элеватор'],
  construction: ['Ипотека', 'Жилищное строительство', 'Инфраструктура'],
};

/** Invented stems for supplier names (two are joined: "Актерек", "Сарыжол", ...). */
export const SUPPLIER_STEM_A: readonly string[] = [
  'Ак',
  'Алтын',
  'Бай',
  'Бек',
  'Дала',
  'Жарык',
  'Кен',
  'Кок',
  'Кызыл',
  'Нур',
  'Сары',
  'Тас',
  'Темир',
  'Ер',
  'Тулпар',
  'Жулдыз',
  'Самал',
  'Береке',
  'Ырыс',
  'Шугыла',
  'Жас',
  'Орда',
];
/** Second halves of invented stems. */
export const SUPPLIER_STEM_B: readonly string[] = [
  'терек',
  'жол',
  'тау',
  'су',
  'кала',
  'сай',
  'булак',
  'арна',
  'дан',
  'кент',
  'нур',
  'тал',
  'жиде',
  'коль',
  'шуак',
  'бастау',
  'арман',
  'ой',
  'сункар',
  'кайын',
];
/** What a supplier does, appended to its stem. */
export const SUPPLIER_TRADES: readonly string[] = [
  'Строй',
  'СтройСервис',
  'Трейд',
  'Снаб',
  'Инжиниринг',
  'Логистик',
  'Групп',
  'Ойл',
  'Энерго',
  'Мед',
  'Фарм',
  'Продукт',
  'Агро',
  'Тех',
  'IT Сервис',
  'Консалт',
  'Транс',
  'Комплект',
  'Монтаж',
  'Пром',
  'Сервис Плюс',
  'Азия Трейд',
  'Импэкс',
  'Дорстрой',
];
/** Legal forms for suppliers, with weights (most are LLPs). */
export const SUPPLIER_FORMS: readonly { form: string; weight: number }[] = [
  { form: 'ТОО', weight: 80 },
  { form: 'АО', weight: 8 },
  { form: 'ИП', weight: 12 },
];
