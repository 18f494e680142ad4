/**
 * A chart as a stand-alone picture: the drawn SVG framed with its title, units, legend and
 * source line, so a downloaded image still says what it shows and where it comes from.
 * Pure string work (the browser part, rasterising to PNG, is {@link svgToPng}).
 */

export interface ChartFrame {
  /** The chart's own `<svg>` markup (Recharts' surface), and its size in CSS pixels. */
  svg: string;
  width: number;
  height: number;
  title: string;
  units?: string;
  source: string;
  legend?: readonly { label: string; color: string }[];
}

const PAD = 16;
const TITLE_H = 28;
const LINE_H = 18;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";

/** Escapes text for SVG content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Frames the chart: title and units above, legend and source below, white background. */
export function frameChartSvg(f: ChartFrame): string {
  const width = Math.max(320, Math.round(f.width) + 2 * PAD);
  const top = PAD + TITLE_H + (f.units ? LINE_H : 0);
  const legendY = top + Math.round(f.height) + 8;
  const legendH = f.legend?.length ? LINE_H + 4 : 0;
  const sourceY = legendY + legendH + LINE_H;
  const height = sourceY + PAD;
  let x = PAD;
  const legend = (f.legend ?? [])
    .map((l) => {
      const item = `<rect x="${x}" y="${legendY + 3}" width="12" height="12" fill="${escapeXml(l.color)}"/><text x="${x + 16}" y="${legendY + 13}" font-size="12">${escapeXml(l.label)}</text>`;
      x += 16 + l.label.length * 7 + 16;
      return item;
    })
    .join('');
  const inner = f.svg.replace(/^<svg\b/, `<svg x="${PAD}" y="${top}"`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}">`,
    `<title>${escapeXml(f.title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${PAD}" y="${PAD + 18}" font-size="17" font-weight="600" fill="#111827">${escapeXml(f.title)}</text>`,
    f.units ? `<text x="${PAD}" y="${PAD + TITLE_H + 10}" font-size="12" fill="#4b5563">${escapeXml(f.units)}</text>` : '',
    inner,
    legend,
    `<text x="${PAD}" y="${sourceY}" font-size="11" fill="#4b5563">${escapeXml(f.source)}</text>`,
    `</svg>`,
  ].join('\n');
}

/** Rasterises an SVG document to a PNG blob at `scale` × its size (browser only; blob: images are allowed by the CSP). */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth * scale;
    canvas.height = img.naturalHeight * scale;
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas gave no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
