// icons: one simple line drawing per taxonomy category (24×24, stroke
// currentColor), drawn for mtaa. Unknown categories get the "other" icon.

const PATHS = {
  flood: 'M2 10c2.5 0 2.5-2 5-2s2.5 2 5 2 2.5-2 5-2 2.5 2 5 2M2 15c2.5 0 2.5-2 5-2s2.5 2 5 2 2.5-2 5-2 2.5 2 5 2M2 20c2.5 0 2.5-2 5-2s2.5 2 5 2 2.5-2 5-2 2.5 2 5 2',
  fire: 'M12 2c1 4 6 6 6 12a6 6 0 0 1-12 0c0-3 2-5 3-7 .5 2 1.5 3 3 3-1-3 0-6 0-8z',
  landslide: 'M2 21h20L4 6zM12 17a1.5 1.5 0 1 0 0 .1M17 19a1 1 0 1 0 0 .1M9 13a1 1 0 1 0 0 .1',
  building_collapse: 'M3 21h18M5 21V10l7-6 7 6v11M11 21l2-4-2-3 2-3M15 14l2 2',
  people_trapped: 'M3 3h18v18H3zM12 7a2 2 0 1 0 0 .1M12 10v6M9 12h6M10 20l2-4 2 4',
  medical: 'M9 3h6v6h6v6h-6v6H9v-6H3V9h6z',
  shelter: 'M2 20L12 4l10 16zM12 4v16M9 20l3-5 3 5',
  food: 'M3 12h18a9 8 0 0 1-18 0zM8 8c0-2 2-2 2-4M13 8c0-2 2-2 2-4',
  water_supply: 'M12 3c4 5 6 8 6 11a6 6 0 0 1-12 0c0-3 2-6 6-11z',
  sanitation: 'M6 3h5v8H6zM4 11h16a8 7 0 0 1-16 0zM9 17l-1 4h8l-1-4',
  blocked_drain: 'M4 8h16v10H4zM8 8v10M12 8v10M16 8v10M3 3l18 18',
  solid_waste: 'M4 6h16M9 6V4h6v2M6 6l1 15h10l1-15M10 10v8M14 10v8',
  electricity: 'M13 2L4 14h7l-1 8 9-12h-7z',
  road_blocked: 'M3 9h18v5H3zM6 14v7M18 14v7M7 9l3 5M13 9l3 5',
  security: 'M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z',
  other: 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18M8 12h.1M12 12h.1M16 12h.1',
};

/** categoryIcon returns an inline SVG element for a category id, hidden from screen readers (the label says it). */
export function categoryIcon(id) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('icon');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', PATHS[id] || PATHS.other);
  svg.append(path);
  return svg;
}
