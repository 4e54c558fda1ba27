// geo: small geodesy for the drawing tools: ring area and orientation,
// accuracy circles.

const R = 6371008.8; // mean Earth radius, metres

/** ringArea is the area in m² of a closed ring of [lon, lat], on the sphere; positive when counter-clockwise. */
export function ringArea(ring) {
  let sum = 0;
  const rad = Math.PI / 180;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[i + 1];
    sum += (x2 - x1) * rad * (2 + Math.sin(y1 * rad) + Math.sin(y2 * rad));
  }
  return -(sum * R * R) / 2;
}

/** closedCCW closes a list of [lon, lat] vertices into an RFC 7946 exterior ring: counter-clockwise, first = last. */
export function closedCCW(points) {
  const ring = [...points, points[0]];
  return ringArea(ring) < 0 ? ring.reverse() : ring;
}

/** formatArea writes m² as m² or hectares. */
export function formatArea(m2) {
  const a = Math.abs(m2);
  return a < 10000 ? `${Math.round(a)} m²` : `${(a / 10000).toFixed(a < 1e6 ? 2 : 0)} ha`;
}

/** circle is a Polygon approximating a circle of radius metres around [lon, lat]. */
export function circle([lon, lat], radius, steps = 48) {
  const ring = [];
  const dLat = (radius / R) * (180 / Math.PI);
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  for (let i = 0; i <= steps; i++) {
    const a = (2 * Math.PI * i) / steps;
    ring.push([lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}
