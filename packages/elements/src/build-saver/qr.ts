/** A QR code as one SVG path: dark modules merged into horizontal runs, in module units. */
export interface QrPath {
  /** Modules per side, without the quiet zone. */
  readonly size: number;
  readonly d: string;
}

type Generate = (data: string) => { readonly size: number; get(x: number, y: number): boolean };

let generate: Generate | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the QR encoder (lean-qr, about 2 kB) once. A load that failed (offline) is forgotten, so
 * the next call tries again. `<showroom-journey>` calls it with its steps, so a kiosk that goes
 * offline still shows the QR code of a handoff.
 */
export function loadQrEncoder(): Promise<void> {
  loading ??= import('lean-qr/nano').then(
    (m) => {
      generate = m.generate;
    },
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

/**
 * The QR path for `text`, or `undefined` while the encoder is still loading: it is imported on
 * first use, so pages that never save a build never download it. `onReady` runs once it has
 * loaded; while it cannot load, the placeholder stays and the next render tries again.
 */
export function qrPath(text: string, onReady: () => void): QrPath | undefined {
  if (!generate) {
    loadQrEncoder().then(onReady, () => {});
    return undefined;
  }
  const code = generate(text);
  let d = '';
  for (let y = 0; y < code.size; y++) {
    for (let x = 0; x < code.size; x++) {
      if (!code.get(x, y)) continue;
      let run = 1;
      while (x + run < code.size && code.get(x + run, y)) run++;
      d += `M${x} ${y}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  return { size: code.size, d };
}
