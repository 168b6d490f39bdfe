// The one place where command-line text output is made safe for a terminal. Article text comes from
// files and web pages anyone can write, and a terminal obeys control bytes: ESC starts sequences that
// clear the screen, retitle the window or rewrite earlier lines, BEL rings, CR overwrites, and C1 CSI
// (U+009B) is ESC [ on some terminals. So every control character except newline and tab is shown as
// its visible Unicode "control picture" (ESC → ␛) or, for C1 and DEL, as a bracketed code point, never
// sent raw. ask and chat write their text output only through these functions; JSON output is escaped
// by JSON.stringify and is left alone.

// C0 except \t (09) and \n (0a), DEL, and C1.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;

/** `text` with every control character other than \n and \t replaced by a visible stand-in. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

/** Writes `text` to `stream` through terminalSafe. */
export function writeSafe(stream: NodeJS.WritableStream, text: string): void {
  stream.write(terminalSafe(text));
}
