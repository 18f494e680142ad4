import type { FlagParamOverrides } from '../flags/run';

/**
 * The person's flag parameters (only values that differ from the defaults), kept in this
 * browser so a monitor's thresholds survive a reload.
 */
const KEY = 'tenderlens.flagParams';

export function loadFlagParams(): FlagParamOverrides {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as FlagParamOverrides) : {};
  } catch {
    return {};
  }
}

export function saveFlagParams(params: FlagParamOverrides): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(params));
  } catch {
    // Storage refused (private window): the parameters still apply to this visit.
  }
}
