import jsQR from 'jsqr';

/**
 * Scans a QR code drawn by functions/domain/shared/qr.ts as a phone would: the SVG's 10-unit
 * modules rasterised one pixel per unit, read by jsQR. Undefined when it does not scan.
 */
export function scanSvg(svg: string): string | undefined {
  const side = Number(svg.match(/viewBox="0 0 (\d+) \d+"/)?.[1]);
  if (!side) return undefined;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [, x, y] of svg.matchAll(/M(\d+),(\d+)h10v10h-10z/g)) {
    for (let dy = 0; dy < 10; dy++) {
      for (let dx = 0; dx < 10; dx++) {
        const i = ((Number(y) + dy) * side + Number(x) + dx) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
    }
  }
  return jsQR(pixels, side, side)?.data;
}

/** The SVG inside a data URL as qrDataUrl writes it. */
export function svgOfDataUrl(url: string): string {
  return decodeURIComponent(url.slice(url.indexOf(',') + 1));
}
