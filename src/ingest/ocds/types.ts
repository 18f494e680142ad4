/**
 * The slice of the OCDS release schema that TenderLens reads. Everything is optional because
 * real publishers omit almost anything; unknown fields pass through untouched (the index
 * signatures) so the Cardinal indicators can read what they need from the same objects.
 */

/** A JSON object as parsed from a file. */
export type JsonObject = { [key: string]: unknown };

/** An amount with its currency. `amount` is sometimes a numeric string in the wild. */
export interface OcdsValue {
  amount?: number | string | null;
  currency?: string | null;
}

/** `identifier` of an organization. */
export interface OcdsIdentifier {
  scheme?: string | null;
  id?: string | number | null;
  legalName?: string | null;
}

/** An organization reference (buyer, supplier, tenderer) or a party. */
export interface OcdsOrganization {
  id?: string | number | null;
  name?: string | null;
  identifier?: OcdsIdentifier | null;
  address?: { region?: string | null; [k: string]: unknown } | null;
  roles?: string[] | null;
  [k: string]: unknown;
}

/** An item of a tender, award or contract. */
export interface OcdsItem {
  id?: string | number | null;
  description?: string | null;
  classification?: { scheme?: string | null; id?: string | number | null; description?: string | null } | null;
  quantity?: number | string | null;
  unit?: { id?: string | null; name?: string | null; value?: OcdsValue | null } | null;
  [k: string]: unknown;
}

/** `{startDate, endDate}`. */
export interface OcdsPeriod {
  startDate?: string | null;
  endDate?: string | null;
}

/** `tender`. */
export interface OcdsTender {
  id?: string | number | null;
  status?: string | null;
  value?: OcdsValue | null;
  procuringEntity?: OcdsOrganization | null;
  procurementMethod?: string | null;
  procurementMethodDetails?: string | null;
  tenderPeriod?: OcdsPeriod | null;
  numberOfTenderers?: number | string | null;
  tenderers?: OcdsOrganization[] | null;
  items?: OcdsItem[] | null;
  [k: string]: unknown;
}

/** One entry of `awards`. */
export interface OcdsAward {
  id?: string | number | null;
  status?: string | null;
  date?: string | null;
  value?: OcdsValue | null;
  suppliers?: OcdsOrganization[] | null;
  items?: OcdsItem[] | null;
  [k: string]: unknown;
}

/** One entry of `contracts`. */
export interface OcdsContract {
  id?: string | number | null;
  awardID?: string | number | null;
  status?: string | null;
  dateSigned?: string | null;
  value?: OcdsValue | null;
  items?: OcdsItem[] | null;
  [k: string]: unknown;
}

/** One entry of `bids.details` (OCDS bid extension). */
export interface OcdsBid {
  id?: string | number | null;
  date?: string | null;
  status?: string | null;
  value?: OcdsValue | null;
  tenderers?: OcdsOrganization[] | null;
  [k: string]: unknown;
}

/** A release: one notice about one contracting process. */
export interface Release {
  ocid: string;
  id?: string | number | null;
  date?: string | null;
  tag?: string[] | string | null;
  buyer?: OcdsOrganization | null;
  parties?: OcdsOrganization[] | null;
  tender?: OcdsTender | null;
  awards?: OcdsAward[] | null;
  contracts?: OcdsContract[] | null;
  bids?: { details?: OcdsBid[] | null; [k: string]: unknown } | null;
  [k: string]: unknown;
}

/**
 * A compiled release: the latest state of one contracting process, every release merged
 * (`tag: ['compiled']`). Same shape as a release.
 */
export type CompiledRelease = Release;
