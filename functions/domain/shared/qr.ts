import { renderSVG } from 'uqr';

/** A QR code as an SVG data URL, ready for an <img src>; the payload is exactly the text given. */
export function qrDataUrl(text: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(text, { border: 2 }))}`;
}
