import type { FlagDefinition, ParamSpec, ParamValues } from './types';

/** A parameter value the engine refused, with the reason for the UI. */
export class FlagParamError extends Error {
  constructor(
    readonly code: string,
    readonly param: string,
    message: string,
  ) {
    super(`${code}.${param}: ${message}`);
    this.name = 'FlagParamError';
  }
}

function check(code: string, spec: ParamSpec, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new FlagParamError(code, spec.name, 'must be a finite number');
  if (spec.integer && !Number.isInteger(value)) throw new FlagParamError(code, spec.name, 'must be a whole number');
  if (spec.min !== undefined && value < spec.min) throw new FlagParamError(code, spec.name, `must be at least ${spec.min}`);
  if (spec.max !== undefined && value > spec.max) throw new FlagParamError(code, spec.name, `must be at most ${spec.max}`);
  return value;
}

/**
 * The flag's parameters: defaults overridden by `overrides`, each validated (finite, whole where
 * required, within bounds). Unknown names are an error, so a typo in a URL does not silently use the default.
 */
export function resolveParams(def: FlagDefinition, overrides: Record<string, number> = {}): ParamValues {
  const out: ParamValues = {};
  for (const spec of def.params) out[spec.name] = check(def.code, spec, spec.default);
  for (const [name, value] of Object.entries(overrides)) {
    const spec = def.params.find((p) => p.name === name);
    if (!spec) throw new FlagParamError(def.code, name, 'is not a parameter of this flag');
    out[name] = check(def.code, spec, value);
  }
  return out;
}

/**
 * A number as a SQL literal. Refuses anything but a finite number, so a parameter can never carry
 * SQL text; negative numbers are parenthesised so they survive `x - -1`.
 */
export function sqlNumber(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`not a finite number: ${String(value)}`);
  const s = String(value);
  return value < 0 ? `(${s})` : s;
}
