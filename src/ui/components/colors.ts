/** One colour per sector across every chart, so the two sectors are recognisable at a glance. */
export const SECTOR_COLORS: Record<string, string> = { quasi_public: '#c2410c', state: '#1d4ed8', unknown: '#6b7280' };

/** Method colours: competitive methods cool, non-competitive warm. */
export const METHOD_COLORS: Record<string, string> = {
  open: '#0f766e',
  selective: '#65a30d',
  limited: '#ca8a04',
  direct: '#b91c1c',
  unknown: '#9ca3af',
};
