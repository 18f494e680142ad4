/**
 * Header words → concepts, in Russian, Kazakh, English, Ukrainian and Spanish (and the snake_case
 * transliterations goszakup and Samruk exports use). A stem matches a token that starts with it
 * (`поставщ` matches `поставщика`, `поставщику`); a stem written with a trailing `=` matches only
 * the whole token (`id=`, `bin=`), for short words that would otherwise start other words.
 */

/** What a header word says about its column. */
export type Concept =
  | 'AMOUNT'
  | 'PRICE'
  | 'CONTRACT'
  | 'SIGN'
  | 'DATE'
  | 'START'
  | 'END'
  | 'DEADLINE'
  | 'PUBLISH'
  | 'SUBMISSION'
  | 'BIDS'
  | 'COUNT'
  | 'NUMBER'
  | 'ID'
  | 'TAXID'
  | 'NAME'
  | 'BUYER'
  | 'SUPPLIER'
  | 'METHOD'
  | 'TYPE'
  | 'PROCUREMENT'
  | 'ITEM'
  | 'CLASSCODE'
  | 'CLASSIFICATION'
  | 'CODE'
  | 'UNIT'
  | 'MEASURE'
  | 'REGION'
  | 'DELIVERY'
  | 'PLACE'
  | 'STATUS'
  | 'CURRENCY'
  | 'SECTOR'
  | 'REGISTRATION'
  | 'PLAN'
  | 'FACT'
  | 'VAT'
  | 'DESCRIPTION'
  | 'TITLE'
  | 'OBJECT'
  | 'LOT'
  | 'AWARD'
  | 'OCID'
  | 'PERIOD'
  | 'RFX'
  | 'REGISTRY'
  | 'TOTAL'
  | 'CREATED'
  | 'UPDATE'
  | 'EXEC'
  | 'CONTACT'
  | 'ADDRESS'
  | 'BANK'
  | 'REASON'
  | 'RATE'
  | 'DURATION'
  | 'CATEGORY'
  | 'COUNTRY'
  | 'INVITED'
  | 'VALID'
  | 'DETAIL'
  | 'SECOND'
  | 'PERCENT'
  | 'FILE'
  | 'EXTRA'
  | 'ORGANISER'
  | 'YEAR'
  | 'LANG_OTHER'
  | 'REFERENCE'
  | 'RECEIPT'
  | 'AMENDMENT'
  | 'APPROVAL'
  | 'OPENING';

/** Stems per concept. Order inside a list does not matter; a token may carry several concepts. */
export const CONCEPT_STEMS: Readonly<Record<Concept, readonly string[]>> = {
  AMOUNT: [
    'сумм',
    'сума=',
    'суми=',
    'стоимост',
    'сома',
    'сомас',
    'вартіст',
    'amount',
    'value=',
    'values=',
    'importe',
    'monto',
    'valor',
    'obligat',
    'sum=',
    'нмцк',
    'бюджет',
    'budget',
    'wert',
    'cuantia',
    'cuantía',
  ],
  PRICE: ['цен', 'цін', 'баға', 'баға', 'price', 'prise', 'precio', 'cost='],
  CONTRACT: ['договор', 'договір', 'контракт', 'contract', 'contrato=', 'contratos=', 'шарт', 'угод', 'agreement', 'convenio'],
  SIGN: [
    'подпис',
    'заключ',
    'sign',
    'firma',
    'жасал',
    'підпис',
    'укладан',
    'укладен',
    'suscrip',
    'concluded',
    'conclusion',
    'celebra',
  ],
  DATE: ['дата', 'date', 'fecha', 'күн', 'dt=', 'dated', 'datetime', 'timestamp'],
  START: ['начал', 'start', 'inicio', 'басталу', 'початк', 'begin', 'issue', 'from='],
  END: [
    'оконч',
    'end=',
    'ending',
    'fin=',
    'final=',
    'аяқтал',
    'закінч',
    'cierre',
    'close',
    'closing',
    'until',
    'hasta',
    'to=',
    'expir',
    'vencim',
  ],
  DEADLINE: ['deadline', 'срок', 'термін', 'мерзім', 'plazo', 'vencim'],
  PUBLISH: [
    'публик',
    'размещ',
    'опублик',
    'publica',
    'publish',
    'оприлюдн',
    'жариял',
    'notice',
    'извещ',
    'anno',
    'announce',
    'оголош',
    'хабарл',
    'firstcall',
  ],
  SUBMISSION: ['прием', 'подач', 'submission', 'submit', 'presenta', 'recepcion', 'подання', 'қабылда'],
  RECEIPT: ['прием', 'recepcion', 'receipt', 'received', 'қабылда'],
  AMENDMENT: ['adicion', 'amendment', 'modificac', 'изменени', 'допсоглаш', 'addend'],
  APPROVAL: ['approv', 'утвержд', 'бекіт', 'aprob'],
  OPENING: ['apertura', 'opening', 'вскрыт'],
  BIDS: [
    'заявк',
    'заявок',
    'участник',
    'bid',
    'bids',
    'bidder',
    'tenderer',
    'offer',
    'oferta',
    'ofertas',
    'oferent',
    'proponent',
    'пропозиц',
    'учасник',
    'өтінім',
    'қатысушы',
    'respuesta',
    'предложен',
    'respondent',
    'responses',
    'applicant',
    'application',
    'participant',
    'participa',
    'proposicion',
  ],
  COUNT: [
    'количеств',
    'число',
    'count=',
    'counts=',
    'кількіст',
    'саны',
    'cantidad',
    'conteo',
    'quantity',
    'qty=',
    'numberof',
    'amountof',
  ],
  NUMBER: ['номер', 'number', 'нөмір', 'numero', 'no=', 'nr=', 'num=', 'nro=', 'ref=', 'reference', 'referencia', 'пп=', 'nomer'],
  ID: ['id=', 'ids=', 'ид=', 'uid=', 'identifier', 'идентиф', 'ідентиф', 'identificador', 'key=', 'identificac'],
  TAXID: [
    'бин',
    'иин',
    'инн',
    'бсн',
    'жсн',
    'biin',
    'bin=',
    'iin=',
    'inn=',
    'edrpou',
    'єдрпоу',
    'едрпоу',
    'nit=',
    'rfc=',
    'ruc=',
    'abn=',
    'tin=',
    'documento',
    'cuit',
    'duns',
    'taxid',
    'vatnumber',
  ],
  NAME: ['наименов', 'назван', 'name', 'nombre', 'атау', 'назва', 'razon', 'legalname', 'naimenov', 'фио'],
  BUYER: [
    'заказчик',
    'buyer',
    'customer',
    'procuring',
    'entidad',
    'тапсырыс',
    'замовник',
    'dependencia',
    'comprador',
    'agency',
    'purchaser',
    'authority',
    'owner',
    'division',
    'institucion',
    'department',
    'ministry',
    'organismo',
    'contracting',
    'cae=',
    'publisher',
    'organisation',
    'organization',
    'compradora',
  ],
  SUPPLIER: [
    'поставщ',
    'supplier',
    'bidder=',
    'winner',
    'победител',
    'proveedor',
    'өнім',
    'постачальн',
    'contratista',
    'vendor',
    'contractor',
    'recipient',
    'adjudicatari',
    'исполнител',
    'подрядчик',
    'awardee',
    'win=',
    'seller',
    'переможц',
    'переможе',
    'жеңімпаз',
    'successful',
    'beneficiar',
    'winning',
  ],
  METHOD: ['способ', 'метод', 'method', 'тәсіл', 'әдіс', 'modalidad', 'режим', 'форма', 'спосіб', 'mode='],
  TYPE: ['тип', 'вид', 'type', 'tipo', 'kind', 'түр'],
  PROCUREMENT: [
    'закуп',
    'закупів',
    'procurement',
    'purchase',
    'сатып',
    'contratacion',
    'contratación',
    'торг',
    'solicitation',
    'licitac',
    'compra',
    'adquisic',
    'buy=',
    'tender',
    'тендер',
    'конкурс',
    'proceso',
    'process',
    'процес',
    'procedimiento',
    'procedure',
    'процедур',
  ],
  ITEM: [
    'тру',
    'товар',
    'item',
    'продукц',
    'предмет',
    'goods',
    'product',
    'producto',
    'bien',
    'услуг',
    'service',
    'servicio',
    'работ',
    'позиц',
    'номенклат',
  ],
  CLASSCODE: ['enstru', 'енстру', 'ктру', 'cpv', 'unspsc', 'окпд', 'тжқ', 'gsin', 'cucop', 'kpved', 'кпвэд', 'ekp'],
  CLASSIFICATION: ['classification', 'классиф', 'класифік', 'clasificac', 'сыныпт'],
  CODE: ['код', 'code', 'codigo', 'коды', 'cod=', 'kod='],
  UNIT: ['единиц', 'unit', 'unidad', 'одиниц', 'uom', 'бірлік', 'ед='],
  MEASURE: ['измер', 'measure', 'medida', 'вимір', 'өлшем', 'edinitsa'],
  REGION: [
    'регион',
    'область',
    'region',
    'өңір',
    'oblast',
    'kato',
    'като',
    'departamento',
    'municipio',
    'ciudad',
    'city',
    'nuts',
    'район',
    'город',
    'provinc',
    'state=',
    'federativa',
  ],
  DELIVERY: ['поставк', 'delivery', 'entrega', 'жеткіз', 'mesto'],
  PLACE: ['место', 'place', 'lugar', 'місце', 'орын', 'location', 'postavki'],
  STATUS: ['статус', 'status', 'estado', 'мәртебе', 'стан=', 'fase', 'estatus'],
  CURRENCY: ['валют', 'currency', 'moneda', 'divisa', 'curr=', 'ccy=', 'валюта'],
  SECTOR: ['сектор', 'sector'],
  REGISTRATION: ['регистрац', 'registration', 'registro', 'тіркел', 'реєстрац', 'incorporat'],
  PLAN: [
    'план',
    'plan',
    'planned',
    'estimated',
    'estimate',
    'начальн',
    'ожидаем',
    'очікуван',
    'estimad',
    'base=',
    'максимальн',
    'initial',
    'law=',
  ],
  FACT: ['fakt', 'факт', 'actual', 'paid', 'оплач', 'executed', 'ejecutad', 'pagad'],
  VAT: ['vat', 'wnds', 'iva', 'ққс', 'пдв'],
  DESCRIPTION: ['описан', 'description', 'descripcion', 'описа', 'сипаттам', 'detail', 'характерист', 'harakterist', 'opisanie'],
  TITLE: ['titulo', 'título', 'title', 'заголов', 'тема', 'asunto'],
  OBJECT: ['объект', 'objeto', 'object', "об'єкт", 'обєкт'],
  LOT: ['лот', 'lot', 'lote', 'lots'],
  AWARD: ['award', 'adjudicacion', 'итог', 'itogi', 'result', 'результат', 'нәтиже'],
  OCID: ['ocid'],
  PERIOD: ['period', 'период', 'період', 'periodo', 'кезең'],
  RFX: ['rfx', 'solicitation='],
  REGISTRY: ['реестр', 'реєстр', 'sys=', 'registry', 'тізілім'],
  TOTAL: ['total', 'общ', 'итого', 'всего', 'загальн', 'жалпы', 'сумарн'],
  CREATED: ['create', 'crdate', 'created', 'создан', 'створен'],
  UPDATE: ['update', 'обновл', 'изменен', 'modified', 'changed', 'index=', 'оновлен', 'actualiza', 'ultima'],
  EXEC: ['исполн', 'execution', 'exec', 'виконан', 'орында', 'ejecuc', 'ec='],
  CONTACT: [
    'телефон',
    'phone',
    'email',
    'mail',
    'почт',
    'url=',
    'link',
    'ссылк',
    'web',
    'сайт',
    'fax',
    'факс',
    'contact',
    'контакт',
    'телефоны',
  ],
  ADDRESS: ['адрес', 'address', 'direccion', 'мекенжай'],
  BANK: ['bank', 'банк', 'iik', 'иик', 'bik', 'бик', 'iban', 'account', 'счет', 'рахунок'],
  REASON: ['reason', 'причин', 'основан', 'justific', 'обоснован', 'підстав', 'негіз'],
  RATE: ['rate', 'курс', 'exchange', 'tasa', 'cambio'],
  DURATION: ['duracion', 'duration', 'длительн', 'тривал', 'ұзақ'],
  CATEGORY: ['категор', 'category', 'categoria', 'санат', 'high='],
  COUNTRY: ['country', 'страна', 'країна', 'pais', 'ел='],
  INVITED: ['invitad', 'invited', 'приглаш', 'запрош'],
  VALID: ['valid', 'допущ', 'допуск'],
  DETAIL: ['details', 'detalle', 'деталь', 'подробн', 'detail='],
  SECOND: ['second', 'второ', 'друг', 'екінші', 'segundo'],
  PERCENT: ['процент', 'percent', 'porcentaje', 'пайыз', 'відсот', 'проценті'],
  FILE: ['file', 'файл', 'archivo', 'pdf'],
  EXTRA: [
    'дополнит',
    'additional',
    'adicional',
    'додатков',
    'қосымша',
    'dopolnitel',
    'usloviya',
    'условия',
    'condicion',
    'terms',
  ],
  ORGANISER: ['организатор', 'organizer', 'organiser', 'org=', 'ұйымдастыр', 'організатор'],
  YEAR: ['год', 'year', 'año', 'anio', 'рік', 'жыл'],
  LANG_OTHER: ['kz=', 'kk=', 'uk=', 'fr=', 'de='],
  REFERENCE: ['ref=', 'reference', 'referencia'],
};

interface StemEntry {
  stem: string;
  exact: boolean;
  concept: Concept;
}

const ENTRIES: StemEntry[] = Object.entries(CONCEPT_STEMS).flatMap(([concept, stems]) =>
  stems.map((s) => ({ stem: s.replace(/=$/, ''), exact: s.endsWith('='), concept: concept as Concept })),
);

/** The concepts one token carries, with the stems that matched (for the reason shown to people). */
export function tokenConcepts(token: string): { concept: Concept; stem: string }[] {
  const out: { concept: Concept; stem: string }[] = [];
  for (const e of ENTRIES) {
    const hit = e.exact ? token === e.stem : token.startsWith(e.stem);
    if (hit && !out.some((o) => o.concept === e.concept)) out.push({ concept: e.concept, stem: e.stem });
  }
  return out;
}

/** Stems looked for inside run-together Latin words (`contractsignaturedate`, `lot_bidscount`): short exact stems are left out. */
const INNER = ENTRIES.filter((e) => /^[a-z]+$/.test(e.stem) && (e.exact ? e.stem.length >= 5 : e.stem.length >= 3));

/**
 * The concepts of a token, plus, for a long Latin token written without separators (opentender's
 * `tender_contractsignaturedate`), the concepts of stems found inside it.
 */
function allConcepts(token: string): Concept[] {
  const own = tokenConcepts(token).map((c) => c.concept);
  if (token.length < 8 || !/^[a-z]+$/.test(token)) return own;
  const inner = INNER.filter((e) => token.indexOf(e.stem, 1) > 0).map((e) => e.concept);
  return [...new Set([...own, ...inner])];
}

/** Words that say "number" (not `ref`, `key`…): only these turn into a count beside a plural. */
const NUMBER_WORDS = new Set(['number', 'numero', 'número', 'no', 'nr', 'num', 'nro', 'номер', 'нөмір']);

const OF = new Set(['of', 'de', 'del', 'de los', 'de las']);

/**
 * Concept → the header tokens that carry it, for a whole header. "Number of tenderers",
 * "Número de lotes" (a number word, `of`, a plural) count things: COUNT, not an id number.
 */
export function headerConcepts(tokens: readonly string[]): Map<Concept, string[]> {
  const m = new Map<Concept, string[]>();
  tokens.forEach((t, i) => {
    let cs = allConcepts(t);
    const plural = (w: string | undefined) => w !== undefined && w.length > 3 && /s$/.test(w) && tokenConcepts(w).length > 0;
    const countOf = OF.has(tokens[i + 1] ?? '') && plural(tokens[i + 2]);
    // `LOTS_NUMBER`, `number_lots`: a plural right beside a number word counts, too.
    const countBeside = plural(tokens[i - 1]) || plural(tokens[i + 1]);
    if (NUMBER_WORDS.has(t) && (countOf || countBeside)) cs = [...cs.filter((c) => c !== 'NUMBER'), 'COUNT'];
    for (const concept of cs) m.set(concept, [...(m.get(concept) ?? []), t]);
  });
  return m;
}
