// Draws the extension's icon (a funnel of four bars on blue) as a 128×128 PNG
// with nothing but zlib: `node extension/media/make-icon.mjs`.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const size = 128;
const pixels = Buffer.alloc(size * size * 4);
const fill = (x0, y0, x1, y1, [r, g, b]) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) pixels.set([r, g, b, 255], (y * size + x) * 4);
};
// Rounded-looking background: corners left transparent.
for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const dx = Math.max(0, 14 - x, x - (size - 15)), dy = Math.max(0, 14 - y, y - (size - 15));
    if (dx * dx + dy * dy <= 14 * 14) pixels.set([31, 111, 235, 255], (y * size + x) * 4);
}
fill(18, 20, 110, 40, [255, 255, 255]);
fill(30, 48, 98, 68, [219, 234, 254]);
fill(42, 76, 86, 96, [147, 197, 253]);
fill(54, 104, 74, 116, [96, 165, 250]);

const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = buf => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
    const head = Buffer.alloc(8); head.writeUInt32BE(data.length); head.write(type, 4);
    const tail = Buffer.alloc(4); tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])));
    return Buffer.concat([head, data, tail]);
};
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr.set([8, 6, 0, 0, 0], 8);
writeFileSync(new URL('./icon.png', import.meta.url), Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
]));
