import type { ColorScheme } from './html-frame-document.ts';

// Charts draw with concrete colours (SVG attributes cannot read CSS variables): the UI tokens' values.
const palettes = {
  light: { text: '#52525b', strong: '#18181b', grid: '#e4e4e7', domain: '#d1d1d6' },
  dark: { text: '#a1a1aa', strong: '#ececef', grid: '#2c2c31', domain: '#3f3f46' },
} as const;

/** Vega config that makes a chart sit on the cell's surface in either theme. */
export function chartTheme(scheme: ColorScheme) {
  const { text, strong, grid, domain } = palettes[scheme];
  return {
    background: 'transparent',
    font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    view: { stroke: grid },
    axis: { domainColor: domain, tickColor: domain, gridColor: grid, labelColor: text, titleColor: text },
    legend: { labelColor: text, titleColor: text },
    header: { labelColor: text, titleColor: text },
    title: { color: strong, subtitleColor: text },
  };
}
