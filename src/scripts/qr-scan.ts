/**
 * Reads a QR code with the device camera. BarcodeDetector where the browser has it (Chrome on
 * Android); otherwise jsQR, fetched only then (a lazy chunk, never on page load). The camera needs a
 * secure context (https or localhost): elsewhere the caller falls back to typing the digits.
 */
interface Detector {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}
declare global {
  interface Window {
    BarcodeDetector?: {
      new (opts: { formats: string[] }): Detector;
      getSupportedFormats?: () => Promise<string[]>;
    };
  }
}

export type ScanFailure = 'unsupported' | 'denied' | 'no_camera' | 'failed';

export interface ScanSession {
  stop(): void;
}

export const cameraPossible = () =>
  !!navigator.mediaDevices?.getUserMedia && window.isSecureContext;

async function makeDecoder(): Promise<(video: HTMLVideoElement) => Promise<string | null>> {
  const BD = window.BarcodeDetector;
  if (BD && (!BD.getSupportedFormats || (await BD.getSupportedFormats()).includes('qr_code'))) {
    const detector = new BD({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  return async (video) => {
    const w = video.videoWidth;
    const hgt = video.videoHeight;
    if (!w || !hgt) return null;
    const scale = Math.min(1, 640 / Math.max(w, hgt));
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(hgt * scale);
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/**
 * Starts the camera in `video` and calls onText for every decoded QR text until it returns true
 * (accepted) or stop() is called. Failures are reported once, as a code the page puts in words.
 */
export async function startScan(
  video: HTMLVideoElement,
  onText: (text: string) => boolean,
  onFail: (why: ScanFailure) => void,
): Promise<ScanSession | null> {
  if (!cameraPossible()) {
    onFail('unsupported');
    return null;
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: 'environment' } },
      audio: false,
    });
  } catch (e) {
    const name = (e as DOMException)?.name;
    onFail(
      name === 'NotAllowedError' || name === 'SecurityError'
        ? 'denied'
        : name === 'NotFoundError' || name === 'OverconstrainedError'
          ? 'no_camera'
          : 'failed',
    );
    return null;
  }
  let running = true;
  const stop = () => {
    running = false;
    for (const t of stream.getTracks()) t.stop();
    video.srcObject = null;
  };
  video.srcObject = stream;
  video.setAttribute('playsinline', '');
  video.muted = true;
  try {
    await video.play();
  } catch {
    /* autoplay refusals still show frames once the user taps */
  }
  let decode: (v: HTMLVideoElement) => Promise<string | null>;
  try {
    decode = await makeDecoder();
  } catch {
    stop();
    onFail('failed');
    return null;
  }
  const loop = async () => {
    while (running) {
      try {
        const text = await decode(video);
        if (text && running && onText(text.trim())) {
          stop();
          return;
        }
      } catch {
        /* a frame that could not be read: try the next one */
      }
      await new Promise((r) => setTimeout(r, 180));
    }
  };
  void loop();
  return { stop };
}

/**
 * What a scanned or typed text is: a resident's one-time code (the 16 digits the QR carries, or
 * the 6 typed from under it) or a paper-card number.
 */
export function classify(text: string): { code: string } | { card: string } | null {
  const t = text.replace(/\s+/g, '');
  if (/^(\d{6}|\d{16})$/.test(t)) return { code: t };
  if (/^[Cc]\d{4,8}$/.test(t)) return { card: t.toUpperCase() };
  return null;
}
