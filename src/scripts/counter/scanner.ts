import { h } from '../dom';
import { tr } from '../i18n';
import { cameraPossible, classify, startScan } from '../qr-scan';
import { msgBox, say } from '../ui';
import type { Counter } from './context';

/**
 * Step 1's camera: the scan button, the live view with its stop button, and a message line.
 * A scanned redeem code or card number goes to `found` (after the scan callback returns, so the
 * scanner has stopped before the next step draws); anything else asks for another QR code.
 * `refocus` puts the cursor back in the typed-code field when the camera stops or fails.
 */
export function scanPanel(
  c: Counter,
  found: (got: { code: string } | { card: string }) => void,
  refocus: () => void,
): HTMLElement[] {
  const video = h('video', {
    class: 'scan-video',
    hidden: true,
    muted: true,
    playsinline: true,
    'aria-label': tr('counter.camera'),
  });
  const scanMsg = msgBox();
  const scanBtn = h(
    'button',
    { type: 'button', class: 'button primary huge', 'data-scan': '' },
    tr('counter.scan'),
  );
  const stopBtn = h(
    'button',
    { type: 'button', class: 'button wide', hidden: true },
    tr('counter.stopScan'),
  );
  if (!cameraPossible()) {
    scanBtn.hidden = true;
    say(scanMsg, 'info', tr('counter.noCamera'));
  }
  const showCamera = (on: boolean) => {
    video.hidden = !on;
    stopBtn.hidden = !on;
    scanBtn.hidden = on;
  };
  scanBtn.addEventListener('click', async () => {
    say(scanMsg, 'info', tr('counter.scanning'));
    showCamera(true);
    c.scan.set(
      await startScan(
        video,
        (text) => {
          const got = classify(text);
          if (!got) {
            say(scanMsg, 'warn', tr('counter.scanOther'));
            return false;
          }
          queueMicrotask(() => found(got));
          return true;
        },
        (why) => {
          showCamera(false);
          say(
            scanMsg,
            'error',
            tr(
              why === 'denied'
                ? 'scan.denied'
                : why === 'no_camera'
                  ? 'scan.noCamera'
                  : why === 'unsupported'
                    ? 'counter.noCamera'
                    : 'scan.failed',
            ),
          );
          refocus();
        },
      ),
    );
  });
  stopBtn.addEventListener('click', () => {
    c.scan.stop();
    showCamera(false);
    say(scanMsg, 'info', null);
    refocus();
  });
  return [scanBtn, video, stopBtn, scanMsg];
}
