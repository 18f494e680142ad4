import type { FlagParamOverrides } from '../flags/run';

/** The person's preferences kept in this browser (localStorage): flag parameters, the demo shown or not. */

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

const HIDE_DEMO_KEY = 'tenderlens.hideDemo';

/** True when the person removed or hid the demo datasets (remembered in this browser). */
export function demoHidden(): boolean {
  try {
    return localStorage.getItem(HIDE_DEMO_KEY) === '1';
  } catch {
    return false;
  }
}

/** Remembers that the demo stays away on the next visits. */
export function setDemoHidden(hidden: boolean): void {
  try {
    if (hidden) localStorage.setItem(HIDE_DEMO_KEY, '1');
    else localStorage.removeItem(HIDE_DEMO_KEY);
  } catch {
    // Storage refused (private window): the demo is hidden for this visit only.
  }
}
