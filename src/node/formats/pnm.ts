/** Decoded pixels of a PDF image (pdf.js ImageKind: 1 = 1 bit grey, 2 = RGB, 3 = RGBA) as a binary PNM file that Tesseract reads. */
export interface RawImage {
  readonly width: number;
  readonly height: number;
  readonly kind: number;
  readonly data: Uint8Array | Uint8ClampedArray;
}

export function imageToPnm(img: RawImage): Uint8Array {
  const { width: w, height: h } = img;
  const header = new TextEncoder().encode(`P6\n${w} ${h}\n255\n`);
  const out = new Uint8Array(header.length + w * h * 3);
  out.set(header);
  let o = header.length;
  if (img.kind === 1) {
    const rowBytes = (w + 7) >> 3;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const bit = (img.data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
        const v = bit ? 255 : 0;
        out[o++] = v;
        out[o++] = v;
        out[o++] = v;
      }
  } else {
    const step = img.kind === 2 ? 3 : 4;
    for (let i = 0; i < w * h; i++) {
      out[o++] = img.data[i * step]!;
      out[o++] = img.data[i * step + 1]!;
      out[o++] = img.data[i * step + 2]!;
    }
  }
  return out;
}
