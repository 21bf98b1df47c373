/** Security settings both transports share. */

/**
 * Content-Security-Policy for the renderer: only our own scripts and styles, no eval, no
 * framing, and network calls only back to the same origin (browser mode) or none (desktop).
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Largest operation request accepted over a transport (a rate file or read batch fits). */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
